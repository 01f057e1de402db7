// User management (admins only): the list, creating an account (the person gets
// an invitation link to set their own password, so no password ever travels
// through an admin), changing a role, deactivating, assigning seminars to
// organisers. Every change is written to the audit log in the same write job.
#include <boost/json.hpp>

#include "accounts/account_store.hpp"
#include "accounts/audit.hpp"
#include "accounts/reset.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/person_name.hpp"
#include "core/text.hpp"
#include "web/admin/account_common.hpp"
#include "web/admin/account_pages.hpp"
#include "web/admin/post_state.hpp"
#include "web/forms.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
namespace {

std::string json_text(std::string_view text) {
  return boost::json::serialize(boost::json::string(text));
}

view::Value role_options(const std::string& lang, accounts::Role selected) {
  view::Value::List options;
  for (auto role : {accounts::Role::organiser, accounts::Role::editor, accounts::Role::admin}) {
    view::Value option;
    option["value"] = std::string(accounts::role_name(role));
    option["label"] = role_label(lang, role);
    option["selected"] = role == selected;
    options.push_back(std::move(option));
  }
  return options;
}

struct NewAccountForm {
  std::string email, name;
  accounts::Role role = accounts::Role::organiser;
};

// What the users' list and an account's page say about it: an invited account is
// not "active" until a password is set, because nobody can log in with it yet.
std::string account_state(const std::string& lang, const accounts::Account& account) {
  if (!account.active) return core::translate(lang, "deactivated");
  if (!account.has_password) return core::translate(lang, "invited (waiting for a password)");
  return core::translate(lang, "active");
}

http::Response render_users(App& app, const http::Request& request, const Session& session,
                            const NewAccountForm& form, const std::string& error, int status) {
  const auto lang = request_language(app, request);
  auto all = app.db.read([](store::Connection& db) { return accounts::list_accounts(db); });
  view::Value::List rows;
  for (const auto& account : all) {
    view::Value row;
    row["url"] = "/admin/uzytkownicy/" + std::to_string(account.id);
    row["name"] = account.name;
    row["email"] = account.email;
    row["role"] = role_label(lang, account.role);
    row["active"] = account.active;
    row["state"] = account_state(lang, account);
    rows.push_back(std::move(row));
  }
  view::Value context;
  context["accounts"] = std::move(rows);
  context["email"] = form.email;
  context["name"] = form.name;
  context["roles"] = role_options(lang, form.role);
  if (!error.empty()) context["error"] = error;
  if (request.query_param("utworzono"))
    context["notice"] =
        core::translate(lang, "The account is created and an invitation is on its way.");
  return render_admin_page(app, request, session, "admin/users", std::move(context),
                           core::translate(lang, "Users"), status);
}

http::Response render_user(App& app, const http::Request& request, const Session& session,
                           std::int64_t id, const std::string& error, int status) {
  const auto lang = request_language(app, request);
  auto found = app.db.read([&](store::Connection& db) {
    auto account = accounts::find_account(db, id);
    std::vector<std::int64_t> assigned;
    std::vector<accounts::SeminarChoice> seminars;
    if (account) {
      assigned = accounts::organiser_seminars(db, id);
      seminars = accounts::seminar_choices(db);
    }
    return std::tuple(std::move(account), std::move(assigned), std::move(seminars));
  });
  auto& [account, assigned, seminars] = found;
  if (!account) return render_error(app, 404, &request);
  view::Value context;
  context["base_url"] = "/admin/uzytkownicy/" + std::to_string(id);
  context["name"] = account->name;
  context["email"] = account->email;
  context["role"] = role_label(lang, account->role);
  context["roles"] = role_options(lang, account->role);
  context["active"] = account->active;
  context["state"] = account_state(lang, *account);
  context["is_self"] = account->id == session.account.id;
  context["is_organiser"] = account->role == accounts::Role::organiser;
  view::Value::List choices;
  for (const auto& seminar : seminars) {
    view::Value choice;
    choice["id"] = std::to_string(seminar.id);
    choice["title"] = seminar.title;
    auto starts = core::parse_iso8601(seminar.starts_at);
    choice["when"] = starts ? core::format_date(lang, *starts) : seminar.starts_at;
    choice["checked"] = std::find(assigned.begin(), assigned.end(), seminar.id) != assigned.end();
    choices.push_back(std::move(choice));
  }
  context["has_seminars"] = !choices.empty();
  context["seminars"] = std::move(choices);
  if (!error.empty()) context["error"] = error;
  if (request.query_param("zapisano")) context["notice"] = core::translate(lang, "Changes saved.");
  return render_admin_page(app, request, session, "admin/user", std::move(context),
                           core::translate(lang, "User") + ": " + account->name, status);
}

// Answers a write job: a redirect to `target` once durable, 503 when it failed.
store::WriteDone redirect_when_done(App& app, std::shared_ptr<http::Request> request,
                                    std::string target, http::Responder respond) {
  return [&app, request, target, respond = std::move(respond)](store::WriteOutcome outcome) {
    if (!outcome.ok) {
      spdlog::error("admin users: write failed: {}", outcome.message);
      return respond(unavailable(app, *request));
    }
    app.mail_queued();
    respond(http::Response::redirect(303, target));
  };
}

}  // namespace

http::Response users_page(App& app, http::Request& request, const Session& session) {
  return render_users(app, request, session, {}, "", 200);
}

void user_create(App& app, http::Request& request, const Session& session,
                 http::Responder respond) {
  const auto lang = request_language(app, request);
  auto form = http::decode_form(request.body);
  if (!form) return respond(render_error(app, 400, &request));
  NewAccountForm input{accounts::normalise_email(form_value(*form, "email")),
                       std::string(core::trim(form_value(*form, "name")))};
  auto role = accounts::parse_role(form_value(*form, "role"));
  if (role) input.role = *role;
  std::string error;
  if (!accounts::plausible_email(input.email))
    error = core::translate(lang, "Enter a valid e-mail address.");
  else if (auto problem = core::check_person_name(input.name);
           problem == core::PersonNameProblem::control_characters)
    error = core::translate(
        lang, "Enter the name on one line, without line breaks or other special characters.");
  else if (problem != core::PersonNameProblem::none)
    error = core::translate(lang, "Enter a name (at most 200 characters).");
  else if (!role)
    error = core::translate(lang, "Choose a role.");
  if (!error.empty()) return respond(render_users(app, request, session, input, error, 422));
  auto exists = app.db.read([&](store::Connection& db) {
    return accounts::find_account_by_email(db, input.email).has_value();
  });
  if (exists) {
    return respond(render_users(
        app, request, session, input,
        core::translate(lang, "An account with this e-mail address already exists."), 409));
  }
  auto actor = session.account.id;
  auto now = core::Clock::now();
  auto shared = std::make_shared<http::Request>(request);
  app.db.write(
      [&app, input, actor, lang, now](store::Connection& db) {
        auto id = accounts::create_account(db, input.email, input.name, input.role, "", now);
        accounts::create_reset(db, app.secret, id, accounts::kInvitationMailKind, lang, now);
        accounts::record_audit(db, actor, "account.create", "account", id, input.email,
                               "{\"name\":" + json_text(input.name) + ",\"role\":\"" +
                                   std::string(accounts::role_name(input.role)) + "\"}",
                               now);
      },
      redirect_when_done(app, shared, "/admin/uzytkownicy?utworzono=1", std::move(respond)));
}

http::Response user_page(App& app, http::Request& request, const Session& session) {
  auto id = id_param(request);
  if (!id) return render_error(app, 404, &request);
  return render_user(app, request, session, *id, "", 200);
}

void user_change(App& app, http::Request& request, const Session& session,
                 http::Responder respond) {
  const auto lang = request_language(app, request);
  auto id = id_param(request);
  if (!id) return respond(render_error(app, 404, &request));
  auto form = http::decode_form(request.body);
  if (!form) return respond(render_error(app, 400, &request));
  auto account =
      app.db.read([&](store::Connection& db) { return accounts::find_account(db, *id); });
  if (!account) return respond(render_error(app, 404, &request));
  const std::string action = request.path.substr(request.path.rfind('/') + 1);
  const auto actor = session.account.id;
  const auto now = core::Clock::now();
  const std::string back = "/admin/uzytkownicy/" + std::to_string(*id);
  auto shared = std::make_shared<http::Request>(request);
  if ((action == "rola" || action == "aktywnosc") && *id == actor) {
    // An admin locking themselves out would leave the site without anyone to undo it.
    return respond(render_user(
        app, request, session, *id,
        core::translate(lang, "You cannot change your own role or deactivate your own account."),
        422));
  }
  if (action == "rola") {
    auto role = accounts::parse_role(form_value(*form, "role"));
    if (!role)
      return respond(
          render_user(app, request, session, *id, core::translate(lang, "Choose a role."), 422));
    auto from = account->role;
    return app.db.write(
        [id = *id, role = *role, from, actor, now, email = account->email](store::Connection& db) {
          accounts::set_role(db, id, role);
          accounts::record_audit(db, actor, "account.role", "account", id, email,
                                 "{\"role\":{\"from\":\"" + std::string(accounts::role_name(from)) +
                                     "\",\"to\":\"" + std::string(accounts::role_name(role)) +
                                     "\"}}",
                                 now);
        },
        redirect_when_done(app, shared, back + "?zapisano=1", std::move(respond)));
  }
  if (action == "aktywnosc") {
    bool active = form_value(*form, "active") == "1";
    return app.db.write(
        [id = *id, active, actor, now, email = account->email](store::Connection& db) {
          accounts::set_active(db, id, active);
          accounts::record_audit(
              db, actor, active ? "account.activate" : "account.deactivate", "account", id, email,
              std::string("{\"active\":") + (active ? "true" : "false") + "}", now);
        },
        redirect_when_done(app, shared, back + "?zapisano=1", std::move(respond)));
  }
  if (action == "seminaria") {
    std::vector<std::int64_t> seminars;
    for (const auto& [name, value] : *form) {
      if (name != "seminar") continue;
      try {
        seminars.push_back(std::stoll(value));
      } catch (const std::exception&) {
        return respond(render_error(app, 400, &request));
      }
    }
    return app.db.write(
        [id = *id, seminars, actor, now, email = account->email](store::Connection& db) {
          accounts::set_organiser_seminars(db, id, seminars);
          boost::json::array list(seminars.begin(), seminars.end());
          accounts::record_audit(db, actor, "account.seminars", "account", id, email,
                                 "{\"seminars\":" + boost::json::serialize(list) + "}", now);
        },
        redirect_when_done(app, shared, back + "?zapisano=1", std::move(respond)));
  }
  if (action == "zaproszenie") {
    return app.db.write(
        [&app, id = *id, actor, lang, now, email = account->email](store::Connection& db) {
          accounts::create_reset(db, app.secret, id, accounts::kInvitationMailKind, lang, now);
          accounts::record_audit(db, actor, "account.invite", "account", id, email, "{}", now);
        },
        redirect_when_done(app, shared, back + "?zapisano=1", std::move(respond)));
  }
  respond(render_error(app, 404, &request));
}

}  // namespace rynek::web::admin
