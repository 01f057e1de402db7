// The personal participant pages behind /u/{token}.
//
// The token is looked up by its SHA-256 (core/tokens.hpp). An unknown token gets
// the same 404 page whatever is wrong with it, and counts against the client's
// address: past a few dozen misses a minute the client gets 429 instead, so
// guessing links is slow as well as hopeless (2^128 possibilities). Pages here
// show one person's data only, are never cached, and send no Referer (the token
// is in the URL).
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/tokens.hpp"
#include "events/calendar.hpp"
#include "events/registration.hpp"
#include "http/finish.hpp"
#include "web/broadcast.hpp"
#include "web/forms.hpp"
#include "web/page.hpp"
#include "web/seminar_view.hpp"
#include "web/seminars.hpp"

namespace rynek::web {
namespace {

struct Holder {
  events::Registration registration;
  events::Seminar seminar;
  std::string token;
};

// The registration behind the URL's token, or the response to send instead.
std::variant<Holder, http::Response> lookup(App& app, const http::Request& request) {
  const auto& token = request.params.at("token");
  std::optional<Holder> holder;
  if (core::looks_like_token(token)) {
    auto hash = core::token_hash(token);
    holder = app.db.read([&](store::Connection& db) -> std::optional<Holder> {
      auto registration = events::find_registration_by_token_hash(db, hash);
      if (!registration) return std::nullopt;
      auto seminar = events::find_seminar_by_id(db, registration->seminar_id);
      if (!seminar) return std::nullopt;
      return Holder{std::move(*registration), std::move(*seminar), token};
    });
  }
  if (!holder) {
    if (!app.limits.token_misses.allow(client_key(request)))
      return render_error(app, 429, &request);
    auto lang = request_language(app, request);
    view::Value context;
    PageMeta meta;
    meta.title = core::translate(lang, "This link is not valid");
    auto response =
        render_page(app, request, lang, "participant/unknown", std::move(context), meta, 404);
    mark_private(response);
    return response;
  }
  return std::move(*holder);
}

std::string personal_url(const Holder& holder) {
  return "/u/" + holder.token;
}

std::string state_message(const std::string& lang, const events::Registration& registration,
                          std::optional<int> position) {
  using events::RegistrationState;
  switch (registration.state) {
    case RegistrationState::registered:
      return registration.confirmed_at ? core::translate(lang, "Your participation is confirmed.")
                                       : core::translate(lang, "You have a place at this seminar.");
    case RegistrationState::waitlisted:
      return core::translate(lang, "You are on the waiting list.") +
             (position ? " " + core::translate(lang, "Your place in the queue:") + " " +
                             std::to_string(*position) + "."
                       : "");
    case RegistrationState::pending_approval:
      return core::translate(lang, "Your registration is waiting for the organiser's approval.");
    case RegistrationState::rejected:
      return core::translate(lang, "The organiser could not accept your registration.");
    case RegistrationState::cancelled:
      return core::translate(lang, "Your registration has been cancelled.");
  }
  return {};
}

http::Response render_private(App& app, const http::Request& request, const std::string& lang,
                              const std::string& page, view::Value context,
                              const std::string& title, int status = 200) {
  PageMeta meta;
  meta.title = title;
  meta.nav = "seminars";
  auto response = render_page(app, request, lang, page, std::move(context), meta, status);
  mark_private(response);
  return response;
}

// Runs a change on the writer and redirects back to the personal page.
void change_and_return(
    App& app, const http::Request& request, http::Responder respond,
    std::function<events::ChangeResult(store::Connection&, std::int64_t, core::TimePoint)> change) {
  if (!app.limits.form_posts.allow(client_key(request)))
    return respond(render_error(app, 429, &request));
  auto found = lookup(app, request);
  if (auto* response = std::get_if<http::Response>(&found)) return respond(std::move(*response));
  auto& holder = std::get<Holder>(found);
  auto form = http::decode_form(request.body);
  if (!form) return respond(render_error(app, 400, &request));
  auto id = holder.registration.id;
  auto back = personal_url(holder);
  auto now = core::Clock::now();
  app.db.write([change, id, now](store::Connection& db) { change(db, id, now); },
               [&app, respond = std::move(respond), back](store::WriteOutcome outcome) {
                 if (!outcome.ok) {
                   spdlog::error("participant change failed: {}", outcome.message);
                   return respond(http::Response::text(503, "Service unavailable"));
                 }
                 app.mail_queued();
                 auto response = http::Response::redirect(303, back);
                 mark_private(response);
                 respond(std::move(response));
               });
}

}  // namespace

http::Response participant_page(App& app, http::Request& request) {
  auto found = lookup(app, request);
  if (auto* response = std::get_if<http::Response>(&found)) return std::move(*response);
  auto& holder = std::get<Holder>(found);
  auto lang = request_language(app, request);
  const auto& registration = holder.registration;
  const auto& seminar = holder.seminar;
  auto now = core::Clock::now();
  bool active = registration.state == events::RegistrationState::registered ||
                registration.state == events::RegistrationState::waitlisted;
  http::Response scratch;
  view::Value context = seminar_value(lang, seminar,
                                      registration.state == events::RegistrationState::registered
                                          ? MaterialsShown::all
                                          : MaterialsShown::public_only);
  context["personal_url"] = personal_url(holder);
  context["name"] = registration.name;
  context["csrf"] = csrf_token_for(app, request, scratch);
  auto position =
      app.db.read([&](store::Connection& db) { return events::queue_position(db, registration); });
  context["state_message"] = state_message(lang, registration, position);
  // The confirm page shows the waiting-list place too (the waitlist e-mail promises it).
  context["is_waitlisted"] = registration.state == events::RegistrationState::waitlisted;
  // Mail scanners open links on their own: nothing counts until the person presses the button.
  if (active && !registration.confirmed_at) {
    auto response = render_private(app, request, lang, "participant/confirm", std::move(context),
                                   core::translate(lang, "Confirm your participation"));
    for (const auto& [name, value] : scratch.headers.all()) response.headers.add(name, value);
    return response;
  }
  bool registered = registration.state == events::RegistrationState::registered;
  context["is_registered"] = registered;
  context["can_cancel"] =
      active || registration.state == events::RegistrationState::pending_approval;
  // A cancelled or rejected registration has nothing to put in a calendar.
  context["has_calendar"] =
      active || registration.state == events::RegistrationState::pending_approval;
  context["before_start"] = now < seminar.starts_at;
  context["is_live"] = now >= seminar.starts_at - std::chrono::minutes(30) && now < seminar.ends_at;
  context["is_over"] = now >= seminar.ends_at;
  context["starts_in_seconds"] = static_cast<long>((seminar.starts_at - now).count());
  std::string broadcast_policy;
  if (registered) {
    context["broadcast"] = broadcast_value(lang, seminar.broadcast_url, seminar.title);
    broadcast_policy = broadcast_csp(seminar.broadcast_url);
    if (now >= seminar.ends_at && !seminar.recording_url.empty()) {
      context["recording"] = broadcast_value(lang, seminar.recording_url, seminar.title);
    }
    if (now >= seminar.starts_at - std::chrono::minutes(30) &&
        now <= seminar.ends_at + std::chrono::minutes(30)) {
      auto id = registration.id;
      app.db.write([id, now](store::Connection& db) { events::record_visit(db, id, now); },
                   [](store::WriteOutcome) {});
    }
  }
  auto response =
      render_private(app, request, lang, "participant/page", std::move(context), seminar.title);
  for (const auto& [name, value] : scratch.headers.all()) response.headers.add(name, value);
  if (!broadcast_policy.empty()) response.headers.set("Content-Security-Policy", broadcast_policy);
  return response;
}

void participant_confirm(App& app, http::Request& request, http::Responder respond) {
  change_and_return(app, request, std::move(respond), events::confirm_participation);
}

http::Response participant_cancel_form(App& app, http::Request& request) {
  auto found = lookup(app, request);
  if (auto* response = std::get_if<http::Response>(&found)) return std::move(*response);
  auto& holder = std::get<Holder>(found);
  auto lang = request_language(app, request);
  http::Response scratch;
  view::Value context = seminar_value(lang, holder.seminar, MaterialsShown::public_only);
  context["personal_url"] = personal_url(holder);
  context["csrf"] = csrf_token_for(app, request, scratch);
  context["already_cancelled"] =
      holder.registration.state == events::RegistrationState::cancelled ||
      holder.registration.state == events::RegistrationState::rejected;
  // "Your place goes to the next person" only when there is one.
  context["someone_waiting"] =
      holder.registration.state == events::RegistrationState::registered &&
      app.db.read([&](store::Connection& db) {
        return events::count_registrations(db, holder.seminar.id).waitlisted > 0;
      });
  auto response = render_private(app, request, lang, "participant/cancel", std::move(context),
                                 core::translate(lang, "Cancel registration"));
  for (const auto& [name, value] : scratch.headers.all()) response.headers.add(name, value);
  return response;
}

void participant_cancel(App& app, http::Request& request, http::Responder respond) {
  change_and_return(app, request, std::move(respond), events::cancel_registration);
}

http::Response participant_ics(App& app, http::Request& request) {
  auto found = lookup(app, request);
  if (auto* response = std::get_if<http::Response>(&found)) return std::move(*response);
  auto& holder = std::get<Holder>(found);
  if (holder.registration.state == events::RegistrationState::cancelled ||
      holder.registration.state == events::RegistrationState::rejected) {
    return render_error(app, 404, &request);
  }
  events::CalendarOptions options;
  options.seminar_url = app.config.base_url + seminar_url(holder.seminar);
  options.personal_url = app.config.base_url + personal_url(holder);
  options.uid = "registration-" + std::to_string(holder.registration.id) + "@rynek";
  options.organizer_email = holder.seminar.contact_email;
  auto response = http::Response::text(200, events::seminar_ics(holder.seminar, options),
                                       "text/calendar; charset=utf-8");
  response.headers.set("Content-Disposition",
                       "attachment; filename=\"" + holder.seminar.slug + ".ics\"");
  mark_private(response);
  return response;
}

void participant_heartbeat(App& app, http::Request& request, http::Responder respond) {
  const auto& token = request.params.at("token");
  if (!app.limits.heartbeats.allow(token))
    return respond(http::Response::json(429, R"({"error":"too many requests"})"));
  auto found = lookup(app, request);
  if (std::holds_alternative<http::Response>(found)) {
    return respond(http::Response::json(404, R"({"error":"unknown link"})"));
  }
  auto& holder = std::get<Holder>(found);
  if (holder.registration.state != events::RegistrationState::registered) {
    return respond(http::Response::json(409, R"({"error":"not registered"})"));
  }
  auto id = holder.registration.id;
  auto now = core::Clock::now();
  app.db.write([id, now](store::Connection& db) { events::record_heartbeat(db, id, now); },
               [respond = std::move(respond)](store::WriteOutcome outcome) {
                 auto response = outcome.ok
                                     ? http::Response::json(200, R"({"ok":true})")
                                     : http::Response::json(503, R"({"error":"unavailable"})");
                 mark_private(response);
                 respond(std::move(response));
               });
}

}  // namespace rynek::web
