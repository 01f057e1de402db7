#include "web/seminars.hpp"

#include <tuple>

#include "core/i18n.hpp"
#include "events/calendar.hpp"
#include "events/registration.hpp"
#include "web/broadcast.hpp"
#include "web/page.hpp"
#include "web/seminar_view.hpp"

namespace rynek::web {
namespace {

constexpr int kPastPerPage = 20;

view::Value list_value(const std::string& lang, const std::vector<events::Seminar>& seminars,
                       const HeroImages& images) {
  view::Value::List list;
  for (const auto& seminar : seminars) {
    list.push_back(seminar_value(lang, seminar, MaterialsShown::public_only, images));
  }
  return list;
}

}  // namespace

http::Response seminars_page(App& app, http::Request& request) {
  auto lang = request_language(app, request);
  return cached_page(
      app, request, lang,
      [&] {
        auto now = core::Clock::now();
        auto [upcoming, past, heroes] = app.db.read([&](store::Connection& db) {
          auto upcoming = events::upcoming_seminars(db, now, 100);
          auto past = events::past_seminars(db, now, kPastPerPage, 0);
          auto heroes = seminar_heroes(db, app.media, upcoming);
          heroes.merge(seminar_heroes(db, app.media, past));
          return std::tuple(std::move(upcoming), std::move(past), std::move(heroes));
        });
        view::Value context;
        context["upcoming"] = list_value(lang, upcoming, heroes);
        context["has_upcoming"] = !upcoming.empty();
        context["past"] = list_value(lang, past, heroes);
        context["has_past"] = !past.empty();
        PageMeta meta;
        meta.title = core::translate(lang, "Seminars");
        meta.canonical_path = "/seminaria";
        meta.nav = "seminars";
        return render_page(app, request, lang, "seminars/list", std::move(context), meta);
      },
      std::chrono::seconds(60));
}

http::Response seminar_page(App& app, http::Request& request) {
  auto lang = request_language(app, request);
  // Short-lived: whether places are left changes with every registration.
  return cached_page(
      app, request, lang,
      [&] {
        auto now = core::Clock::now();
        auto found = app.db.read([&](store::Connection& db) {
          auto seminar = events::find_seminar(db, request.params.at("slug"), now);
          events::SeminarCounts counts;
          HeroImages heroes;
          if (seminar) {
            counts = events::count_registrations(db, seminar->id);
            heroes = seminar_heroes(db, app.media, {*seminar});
          }
          return std::tuple(std::move(seminar), counts, std::move(heroes));
        });
        auto& [seminar, counts, heroes] = found;
        if (!seminar) return render_error(app, 404, &request);
        view::Value context = seminar_value(lang, *seminar, MaterialsShown::public_only, heroes);
        auto window = registration_window(*seminar, now);
        bool full = seminar->capacity && counts.registered >= *seminar->capacity;
        context["registration_open"] = window == RegistrationWindow::open;
        context["registration_not_yet"] = window == RegistrationWindow::not_yet;
        context["registration_closed"] = window == RegistrationWindow::closed;
        if (window == RegistrationWindow::not_yet) {
          const auto opens = seminar->registration_opens_at.value_or(seminar->published_at);
          context["opens_at"] = core::format_datetime(lang, opens) + " (" +
                                core::translate(lang, "Warsaw time") + ")";
        }
        context["is_full"] = full;
        context["requires_approval"] = seminar->requires_approval;
        if (seminar->capacity && !full) {
          context["places_left"] = core::translate_plural(lang, "%1% place left", "%1% places left",
                                                          *seminar->capacity - counts.registered);
        }
        context["is_past"] = now >= seminar->ends_at;
        if (seminar->broadcast_visibility == events::BroadcastVisibility::everyone) {
          context["broadcast"] = broadcast_value(lang, seminar->broadcast_url, seminar->title);
        } else if (!seminar->broadcast_url.empty()) {
          context["broadcast_for_participants"] = true;
        }
        if (now >= seminar->ends_at && !seminar->recording_url.empty() &&
            seminar->broadcast_visibility == events::BroadcastVisibility::everyone) {
          context["recording"] = broadcast_value(lang, seminar->recording_url, seminar->title);
        }
        PageMeta meta;
        meta.title = seminar->title;
        meta.description = seminar->lead;
        meta.canonical_path = seminar_url(*seminar);
        meta.nav = "seminars";
        return render_page(app, request, lang, "seminars/seminar", std::move(context), meta);
      },
      std::chrono::seconds(5));
}

http::Response seminar_ics(App& app, http::Request& request) {
  auto now = core::Clock::now();
  auto seminar = app.db.read([&](store::Connection& db) {
    return events::find_seminar(db, request.params.at("slug"), now);
  });
  if (!seminar) return render_error(app, 404, &request);
  events::CalendarOptions options;
  options.seminar_url = app.config.base_url + seminar_url(*seminar);
  options.uid = "seminar-" + std::to_string(seminar->id) + "@rynek";
  options.organizer_email = seminar->contact_email;
  auto response = http::Response::text(200, events::seminar_ics(*seminar, options),
                                       "text/calendar; charset=utf-8");
  response.headers.set("Content-Disposition", "attachment; filename=\"" + seminar->slug + ".ics\"");
  return response;
}

}  // namespace rynek::web
