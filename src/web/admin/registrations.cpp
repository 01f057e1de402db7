#include "web/admin/registrations.hpp"

#include "accounts/audit.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "http/url.hpp"
#include "web/admin/attendance_chart.hpp"
#include "web/admin/exports.hpp"
#include "web/admin/messages.hpp"
#include "web/admin/post_state.hpp"
#include "web/forms.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
namespace {

constexpr std::size_t kActionBodyLimit = 4 * 1024;

std::string list_url(std::int64_t seminar_id) {
  return "/admin/seminaria/" + std::to_string(seminar_id) + "/zgloszenia";
}

const char* state_label(events::RegistrationState state) {
  switch (state) {
    case events::RegistrationState::registered:
      return core::N_("Registered");
    case events::RegistrationState::waitlisted:
      return core::N_("Waiting list");
    case events::RegistrationState::pending_approval:
      return core::N_("Awaiting approval");
    case events::RegistrationState::rejected:
      return core::N_("Rejected");
    case events::RegistrationState::cancelled:
      return core::N_("Cancelled");
  }
  return "";
}

// The confirmation shown after a redirect (?done=...), as an English message id.
const char* done_message(std::string_view done) {
  if (done == "approved")
    return core::N_("The registration has been approved and the person informed by e-mail.");
  if (done == "approved_waiting") {
    // One literal: the catalog test reads message ids from the source.
    return core::N_(
        "The registration has been approved. There is no place free for the person now (or the free places are owed to those already waiting), so they are on the waiting list and have been informed by e-mail.");
  }
  if (done == "rejected")
    return core::N_("The registration has been rejected and the person informed by e-mail.");
  if (done == "promoted")
    return core::N_("The person has been given a place and informed by e-mail.");
  if (done == "cancelled")
    return core::N_("The registration has been cancelled and the person informed by e-mail.");
  if (done == "unchanged")
    return core::N_("Nothing changed: the registration was already in that state.");
  if (done == "not_allowed")
    return core::N_("This action is not possible in the registration's current state.");
  if (done == "sent") return core::N_("The message has been queued for sending. Recipients:");
  return nullptr;
}

view::Value state_options(const std::string& lang, const events::RegistrationFilter& filter) {
  view::Value::List options;
  for (auto state : {events::RegistrationState::registered, events::RegistrationState::waitlisted,
                     events::RegistrationState::pending_approval,
                     events::RegistrationState::rejected, events::RegistrationState::cancelled}) {
    view::Value option;
    option["value"] = std::string(events::state_name(state));
    option["label"] = tr(lang, state_label(state));
    option["selected"] = filter.state == state;
    options.push_back(std::move(option));
  }
  return options;
}

view::Value row_view(const std::string& lang, const events::Registration& r,
                     const events::ConsentsGiven& consents) {
  using events::RegistrationState;
  view::Value row;
  row["id"] = std::to_string(r.id);
  row["name"] = r.name;
  row["email"] = r.email;
  row["state"] = tr(lang, state_label(r.state));
  row["confirmed"] = r.confirmed_at.has_value();
  row["created"] = core::format_datetime(lang, r.created_at);
  std::string given;
  if (auto found = consents.find(r.id); found != consents.end()) {
    for (const auto& [key, version] : found->second) {
      if (!given.empty()) given += ", ";
      given += key + " (" + version + ")";
    }
  }
  row["consents"] = given;
  row["can_approve"] = r.state == RegistrationState::pending_approval;
  row["can_reject"] = r.state == RegistrationState::pending_approval;
  row["can_promote"] = r.state == RegistrationState::waitlisted;
  row["can_cancel"] = r.state == RegistrationState::registered ||
                      r.state == RegistrationState::waitlisted ||
                      r.state == RegistrationState::pending_approval;
  return row;
}

view::Value pagination(const std::string& base, const std::string& query, int page, int total) {
  const int pages = std::max(1, (total + events::kAdminPageSize - 1) / events::kAdminPageSize);
  view::Value value;
  value["has_pages"] = pages > 1;
  value["current"] = page;
  value["pages"] = pages;
  auto url = [&](int p) {
    return base + "?" + (query.empty() ? "" : query + "&") + "page=" + std::to_string(p);
  };
  if (page > 1) value["previous_url"] = url(page - 1);
  if (page < pages) value["next_url"] = url(page + 1);
  return value;
}

enum class Action { approve, reject, promote, cancel };

std::optional<Action> parse_action(std::string_view name) {
  if (name == "approve") return Action::approve;
  if (name == "reject") return Action::reject;
  if (name == "promote") return Action::promote;
  if (name == "cancel") return Action::cancel;
  return std::nullopt;
}

struct ActionNames {
  const char* done;   // ?done=
  const char* audit;  // audit action
};

ActionNames names(Action action) {
  switch (action) {
    case Action::approve:
      return {"approved", "registration.approve"};
    case Action::reject:
      return {"rejected", "registration.reject"};
    case Action::promote:
      return {"promoted", "registration.promote"};
    case Action::cancel:
      return {"cancelled", "registration.cancel"};
  }
  return {"", ""};
}

events::ChangeResult apply(store::Connection& db, Action action, std::int64_t id,
                           core::TimePoint now) {
  switch (action) {
    case Action::approve:
      return events::approve_registration(db, id, now);
    case Action::reject:
      return events::reject_registration(db, id, now);
    case Action::promote:
      return events::promote_registration(db, id, now);
    case Action::cancel:
      return events::cancel_registration(db, id, now);
  }
  return events::ChangeResult::not_allowed;
}

}  // namespace

std::optional<events::Seminar> managed_seminar(App& app, const http::Request& request,
                                               const Session& session) {
  auto id = id_param(request);
  if (!id) return std::nullopt;
  return app.db.read([&](store::Connection& db) -> std::optional<events::Seminar> {
    if (session.account.role == accounts::Role::organiser &&
        !events::seminar_assigned(db, *id, session.account.id)) {
      return std::nullopt;
    }
    return events::find_seminar_by_id(db, *id);
  });
}

events::RegistrationFilter filter_from_query(const http::Request& request) {
  events::RegistrationFilter filter;
  if (auto q = request.query_param("q")) filter.search = std::string(core::trim(q->substr(0, 200)));
  if (auto state = request.query_param("state")) filter.state = events::parse_state(*state);
  if (auto confirmed = request.query_param("confirmed")) {
    if (*confirmed == "yes") filter.confirmed = true;
    if (*confirmed == "no") filter.confirmed = false;
  }
  return filter;
}

std::string filter_query(const events::RegistrationFilter& filter) {
  std::string query;
  auto add = [&](std::string_view name, std::string_view value) {
    if (!query.empty()) query += '&';
    query += std::string(name) + "=" + http::encode_component(value);
  };
  if (!filter.search.empty()) add("q", filter.search);
  if (filter.state) add("state", events::state_name(*filter.state));
  if (filter.confirmed) add("confirmed", *filter.confirmed ? "yes" : "no");
  return query;
}

http::Response registrations_page(App& app, http::Request& request, const Session& session) {
  auto seminar = managed_seminar(app, request, session);
  if (!seminar) return render_error(app, 404, &request);
  const auto lang = request_language(app, request);
  const auto filter = filter_from_query(request);
  int page = 1;
  if (auto text = request.query_param("page")) {
    auto parsed = core::parse_positive_id(*text);
    if (parsed && *parsed < 100000) page = static_cast<int>(*parsed);
  }
  auto [list, counts, consents] = app.db.read([&](store::Connection& db) {
    return std::tuple(events::list_registrations(db, seminar->id, filter, page),
                      events::count_registrations(db, seminar->id),
                      events::consents_given(db, seminar->id));
  });
  const auto base = list_url(seminar->id);
  const auto query = filter_query(filter);
  view::Value context;
  context["seminar_id"] = std::to_string(seminar->id);
  context["seminar_title"] = seminar->title;
  context["when"] = core::format_datetime(lang, seminar->starts_at);
  context["csrf"] = session.csrf;
  view::Value count_view;
  count_view["registered"] = counts.registered;
  count_view["confirmed"] = counts.confirmed;
  count_view["waitlisted"] = counts.waitlisted;
  count_view["pending"] = counts.pending_approval;
  count_view["rejected"] = counts.rejected;
  count_view["cancelled"] = counts.cancelled;
  context["counts"] = std::move(count_view);
  context["q"] = filter.search;
  context["states"] = state_options(lang, filter);
  context["confirmed_yes"] = filter.confirmed == true;
  context["confirmed_no"] = filter.confirmed == false;
  context["filtered"] = !query.empty();
  context["total"] = list.total;
  view::Value::List rows;
  for (const auto& r : list.rows) rows.push_back(row_view(lang, r, consents));
  context["rows"] = std::move(rows);
  context["has_rows"] = !list.rows.empty();
  context["back"] =
      query.empty() ? "page=" + std::to_string(page) : query + "&page=" + std::to_string(page);
  const auto suffix = query.empty() ? std::string() : "?" + query;
  context["csv_url"] = base + ".csv" + suffix;
  context["xlsx_url"] = base + ".xlsx" + suffix;
  context["pagination"] = pagination(base, query, page, list.total);
  if (auto done = request.query_param("done")) {
    if (const char* message = done_message(*done)) {
      std::string text = tr(lang, message);
      if (*done == "sent") {
        auto count = request.query_param("count");
        text += " " + std::to_string(count ? core::parse_positive_id(*count).value_or(0) : 0);
      }
      context["done"] = text;
    }
  }
  return render_admin_page(app, request, session, "admin/registrations/list", std::move(context),
                           tr(lang, "Registrations") + ": " + seminar->title);
}

void registration_action(App& app, http::Request& request, const Session& session,
                         http::Responder respond) {
  auto seminar = managed_seminar(app, request, session);
  auto registration_id = id_param(request, "registration");
  auto form = http::decode_form(request.body);
  if (!seminar || !registration_id || !form) return respond(render_error(app, 404, &request));
  auto action = parse_action(form_value(*form, "action"));
  if (!action) return respond(render_error(app, 400, &request));
  // Keep the list's filters and page: re-read through the parser, never echoed raw.
  http::Request back_request;
  if (auto back = http::decode_target("/?" + form_value(*form, "back")))
    back_request.query = back->query;
  auto back = filter_query(filter_from_query(back_request));
  if (auto page = back_request.query_param("page"); page && core::parse_positive_id(*page)) {
    back += (back.empty() ? "" : "&") + std::string("page=") + std::string(*page);
  }
  const auto seminar_id = seminar->id;
  const auto account_id = session.account.id;
  const auto now = core::Clock::now();
  struct Applied {
    events::ChangeResult result;
    bool waiting = false;  // approved, but onto the waiting list
  };
  app.db.write(
      // nullopt: no such registration at this seminar (404).
      [=, action = *action,
       id = *registration_id](store::Connection& db) -> std::optional<Applied> {
        auto registration = events::find_registration(db, id);
        if (!registration || registration->seminar_id != seminar_id) return std::nullopt;
        Applied applied{apply(db, action, id, now)};
        if (applied.result != events::ChangeResult::done) return applied;
        if (action == Action::approve) {
          applied.waiting =
              events::find_registration(db, id)->state == events::RegistrationState::waitlisted;
        }
        accounts::record_audit(db, account_id, names(action).audit, "registration", id,
                               registration->name + " <" + registration->email + ">",
                               "{\"seminar_id\":" + std::to_string(seminar_id) + ",\"from\":\"" +
                                   std::string(events::state_name(registration->state)) + "\"}",
                               now);
        return applied;
      },
      [&app, request, respond = std::move(respond), seminar_id, back,
       action = *action](store::Result<std::optional<Applied>> applied) {
        if (!applied) {
          spdlog::error("registration action failed: {}", applied.failure().message);
          return respond(render_error(app, 503, &request));
        }
        if (!*applied) return respond(render_error(app, 404, &request));
        const auto result = (*applied)->result;
        const char* done = (*applied)->waiting                       ? "approved_waiting"
                           : result == events::ChangeResult::done    ? names(action).done
                           : result == events::ChangeResult::already ? "unchanged"
                                                                     : "not_allowed";
        if (result == events::ChangeResult::done) app.mail_queued();
        respond(http::Response::redirect(
            303, list_url(seminar_id) + "?done=" + done + (back.empty() ? "" : "&" + back)));
      });
}

std::vector<http::Route> registration_routes(App& app) {
  const std::string base = "/admin/seminaria/{id}/";
  std::vector<http::Route> routes;
  auto get = [&](std::string path, std::string name, Handler handler) {
    routes.push_back(admin_get(app, Access::organisers, base + path, std::move(name), handler));
  };
  auto post = [&](std::string path, std::string name, AsyncHandler handler,
                  std::size_t limit = kActionBodyLimit) {
    routes.push_back(
        admin_post(app, Access::organisers, base + path, std::move(name), handler, limit));
  };
  get("zgloszenia", "admin.registrations", registrations_page);
  get("zgloszenia.csv", "admin.registrations.csv", registrations_csv);
  get("zgloszenia.xlsx", "admin.registrations.xlsx", registrations_xlsx);
  post("zgloszenia/{registration}", "admin.registrations.action", registration_action);
  get("wiadomosc", "admin.registrations.message", message_form);
  post("wiadomosc", "admin.registrations.message.send", message_send, kMessageBodyLimit);
  get("obecnosc", "admin.registrations.attendance", attendance_page);
  return routes;
}

}  // namespace rynek::web::admin
