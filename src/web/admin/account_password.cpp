// Password reset by e-mail (the token scheme is in accounts/reset.hpp).
//
// The request form always answers the same way — "if the address is known, we
// sent a link" — whether or not an account has the address, and it is limited
// per client and per address. The link's page sets a new password: the hashing
// runs on the hash pool, the write checks the link again, marks it used and ends
// every session of the account. Unknown links count against the client's address
// with the personal links' misses (429 past the limit).
#include "accounts/account_store.hpp"
#include "accounts/audit.hpp"
#include "accounts/password.hpp"
#include "accounts/reset.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "web/admin/account_common.hpp"
#include "web/admin/account_pages.hpp"
#include "web/forms.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
namespace {

http::Response render_request(const App& app, const http::Request& request,
                              const std::string& email, bool sent, const std::string& error,
                              int status) {
  const auto lang = request_language(app, request);
  view::Value context;
  context["email"] = email;
  context["sent"] = sent;
  if (!error.empty()) context["error"] = error;
  return render_anonymous_page(app, request, "admin/password_request", std::move(context),
                               core::translate(lang, "Reset your password"), status);
}

http::Response render_set(const App& app, const http::Request& request, bool link_valid,
                          const std::string& error, int status) {
  const auto lang = request_language(app, request);
  view::Value context;
  context["link_valid"] = link_valid;
  context["action"] = request.path;
  if (!error.empty()) context["error"] = error;
  return render_anonymous_page(app, request, "admin/password_set", std::move(context),
                               core::translate(lang, "Set a new password"), status);
}

bool link_is_valid(App& app, const std::string& token) {
  auto now = core::Clock::now();
  return app.db.read([&](store::Connection& db) {
    return accounts::find_valid_reset(db, token, now).has_value();
  });
}

// An unknown, spent or expired link counts against the client's address like an
// unknown personal link (web/participant.cpp), in the same bucket: past a few
// dozen misses a minute the answer is 429, so guessing reset tokens is slow too.
http::Response unknown_link(App& app, const http::Request& request) {
  if (!app.limits.token_misses.allow(client_key(request))) return render_error(app, 429, &request);
  return render_set(app, request, false, "", 404);
}

}  // namespace

http::Response password_request_form(App& app, http::Request& request) {
  return render_request(app, request, "", request.query_param("wyslano").has_value(), "", 200);
}

void password_request_submit(App& app, http::Request& request, http::Responder respond) {
  const auto lang = request_language(app, request);
  if (!app.limits.form_posts.allow(client_key(request)))
    return respond(render_error(app, 429, &request));
  auto form = http::decode_form(request.body);
  if (!form) return respond(render_error(app, 400, &request));
  auto email = accounts::normalise_email(form_value(*form, "email"));
  if (!accounts::plausible_email(email)) {
    return respond(render_request(app, request, email, false,
                                  core::translate(lang, "Enter a valid e-mail address."), 422));
  }
  const std::string sent = "/admin/haslo?wyslano=1";
  // A throttled address gets the same answer as any other: nothing is revealed.
  if (!app.limits.per_email.allow("reset:" + email))
    return respond(http::Response::redirect(303, sent));
  auto now = core::Clock::now();
  app.db.write(
      [&app, email, lang, now](store::Connection& db) {
        auto stored = accounts::find_account_by_email(db, email);
        if (!stored || !stored->account.active) return;
        accounts::create_reset(db, app.secret, stored->account.id, accounts::kResetMailKind, lang,
                               now);
      },
      [&app, respond = std::move(respond), sent](store::WriteOutcome outcome) {
        if (!outcome.ok) spdlog::error("password reset request failed: {}", outcome.message);
        app.mail_queued();
        auto response = http::Response::redirect(303, sent);
        mark_admin(response);
        respond(std::move(response));
      });
}

http::Response password_set_form(App& app, http::Request& request) {
  if (!link_is_valid(app, request.params.at("token"))) return unknown_link(app, request);
  return render_set(app, request, true, "", 200);
}

void password_set_submit(App& app, http::Request& request, http::Responder respond) {
  const auto lang = request_language(app, request);
  if (!app.limits.form_posts.allow(client_key(request)))
    return respond(render_error(app, 429, &request));
  auto form = http::decode_form(request.body);
  if (!form) return respond(render_error(app, 400, &request));
  const auto token = request.params.at("token");
  if (!link_is_valid(app, token)) return respond(unknown_link(app, request));
  auto password = form_value(*form, "password");
  if (auto problem = accounts::password_problem(password)) {
    return respond(render_set(
        app, request, true, core::translate(lang, accounts::password_problem_text(*problem)), 422));
  }
  if (password != form_value(*form, "password_repeat")) {
    return respond(
        render_set(app, request, true, core::translate(lang, "The two passwords differ."), 422));
  }
  auto shared = std::make_shared<http::Request>(request);
  app.work_pool.post_or_refuse([&app, shared, token, password,
                                respond = std::move(respond)](core::Admission admission) mutable {
    if (admission == core::Admission::refused) return respond(unavailable(app, *shared));
    auto hash = accounts::hash_password(password);
    auto now = core::Clock::now();
    app.db.write(
        // True when the link was still valid and is now used.
        [token, hash, now](store::Connection& db) {
          auto link = accounts::find_valid_reset(db, token, now);
          if (!link) return false;
          bool used = accounts::use_reset(db, token, hash, now);
          accounts::record_audit(db, link->account_id, "account.password_set", "account",
                                 link->account_id, "password set through an e-mailed link", "{}",
                                 now);
          return used;
        },
        [&app, shared, respond = std::move(respond)](store::Result<bool> used) {
          if (!used) {
            spdlog::error("password set failed: {}", used.failure().message);
            return respond(unavailable(app, *shared));
          }
          if (!*used) return respond(render_set(app, *shared, false, "", 404));
          auto response = http::Response::redirect(303, "/admin/logowanie?haslo=ustawione");
          mark_admin(response);
          respond(std::move(response));
        });
  });
}

}  // namespace rynek::web::admin
