#include "web/seminars.hpp"

#include <tuple>

#include "core/i18n.hpp"
#include "events/calendar.hpp"
#include "events/registration.hpp"
#include "http/url.hpp"
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
        // A seminar that has started and not ended is on now, not "upcoming".
        std::vector<events::Seminar> live;
        std::erase_if(upcoming, [&](const events::Seminar& seminar) {
          if (seminar.starts_at > now) return false;
          live.push_back(seminar);
          return true;
        });
        view::Value context;
        context["live"] = list_value(lang, live, heroes);
        context["has_live"] = !live.empty();
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

namespace {

// "2026-12-07T10:00:00Z" -> "20261207T100000Z", as Google Calendar takes it.
std::string compact_utc(core::TimePoint t) {
  std::string iso = core::format_iso8601(t);
  std::erase_if(iso, [](char c) { return c == '-' || c == ':'; });
  return iso;
}

// "Add to Google Calendar" and "Add to Outlook" beside the .ics file: the same
// event (title, times, place or address, a link back) as prefilled forms.
void add_calendar_links(view::Value& context, const std::string& page_url,
                        const events::Seminar& seminar) {
  const std::string where = seminar.venue.empty() ? page_url : seminar.venue;
  const std::string details = seminar.lead.empty() ? page_url : seminar.lead + "\n\n" + page_url;
  context["google_calendar_url"] =
      "https://calendar.google.com/calendar/render?action=TEMPLATE&text=" +
      http::encode_component(seminar.title) + "&dates=" + compact_utc(seminar.starts_at) + "/" +
      compact_utc(seminar.ends_at) + "&details=" + http::encode_component(details) +
      "&location=" + http::encode_component(where) + "&ctz=Europe/Warsaw";
  context["outlook_calendar_url"] =
      "https://outlook.office.com/calendar/0/action/compose?rru=addevent&subject=" +
      http::encode_component(seminar.title) +
      "&startdt=" + http::encode_component(core::format_iso8601(seminar.starts_at)) +
      "&enddt=" + http::encode_component(core::format_iso8601(seminar.ends_at)) +
      "&body=" + http::encode_component(details) + "&location=" + http::encode_component(where);
}

}  // namespace

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
        if (window == RegistrationWindow::open) {
          const auto closes = seminar->registration_closes_at.value_or(seminar->starts_at);
          context["closes_at"] = core::format_datetime(lang, closes) + " (" +
                                 core::translate(lang, "Warsaw time") + ")";
        }
        context["is_live"] = now >= seminar->starts_at && now < seminar->ends_at;
        add_calendar_links(context, app.config.base_url + seminar_url(*seminar), *seminar);
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
