// Login and logout.
//
// The POST handler never hashes on the I/O thread: it reads the account and the
// failure count, then hands the argon2id verification to the hash pool; the
// pool's thread queues one write (new session, or one more failure) and the
// answer goes out when that write is durable. Whatever went wrong — unknown
// address, wrong password, inactive account — the person sees the same message,
// a little late (kFailureDelay), and an unknown address costs the same hashing
// time as a known one, so neither the words nor the timing tell which addresses
// have accounts.
#include "accounts/account_store.hpp"
#include "accounts/lockout.hpp"
#include "accounts/password.hpp"
#include "accounts/session.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/tokens.hpp"
#include "web/admin/access.hpp"
#include "web/admin/account_common.hpp"
#include "web/admin/account_pages.hpp"
#include "web/forms.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
namespace {

constexpr auto kFailureDelay = std::chrono::milliseconds(400);

enum class LoginProblem { none, wrong, locked };

http::Response render_login(const App& app, const http::Request& request, const std::string& email,
                            const std::string& next, LoginProblem problem, int status) {
  const auto lang = request_language(app, request);
  view::Value context;
  context["email"] = email;
  context["next"] = next;
  if (problem == LoginProblem::wrong || problem == LoginProblem::locked) {
    context["error"] = core::translate(lang, "Incorrect e-mail or password.");
  }
  if (problem == LoginProblem::locked) {
    context["error_note"] =
        core::translate(lang, "Too many failed attempts. Please try again later.");
  }
  if (request.query_param("haslo") == "ustawione") {
    context["notice"] = core::translate(lang, "Your new password is set. Please log in.");
  }
  if (request.query_param("wylogowano"))
    context["notice"] = core::translate(lang, "You have logged out.");
  return render_anonymous_page(app, request, "admin/login", std::move(context),
                               core::translate(lang, "Log in"), status);
}

// The answer after a failed attempt, sent after a short delay off every I/O thread.
void answer_failure(App& app, std::shared_ptr<http::Request> request, std::string email,
                    std::string next, LoginProblem problem, http::Responder respond) {
  app.work_pool.post_after(kFailureDelay,
                           [&app, request, email, next, problem, respond = std::move(respond)] {
                             respond(render_login(app, *request, email, next, problem,
                                                  problem == LoginProblem::locked ? 429 : 422));
                           });
}

}  // namespace

http::Response login_form(App& app, http::Request& request) {
  auto next = safe_next(request.query_param("next").value_or("/admin"));
  if (current_session(app, request)) return http::Response::redirect(303, next);
  return render_login(app, request, "", next, LoginProblem::none, 200);
}

void login_submit(App& app, http::Request& request, http::Responder respond) {
  if (!app.limits.form_posts.allow(client_key(request)))
    return respond(render_error(app, 429, &request));
  auto form = http::decode_form(request.body);
  if (!form) return respond(render_error(app, 400, &request));
  auto email = accounts::normalise_email(form_value(*form, "email"));
  auto next = safe_next(form_value(*form, "next"));
  auto shared = std::make_shared<http::Request>(request);
  auto now = core::Clock::now();
  auto [stored, failures] = app.db.read([&](store::Connection& db) {
    return std::pair(accounts::find_account_by_email(db, email),
                     accounts::load_failures(db, email));
  });
  if (accounts::is_locked(failures, now)) {
    return answer_failure(app, shared, email, next, LoginProblem::locked, std::move(respond));
  }
  auto password = form_value(*form, "password");
  auto old_cookie = std::string(request.cookie(kSessionCookie).value_or(""));
  auto user_agent = std::string(request.header("User-Agent"));
  app.work_pool.post_or_refuse([&app, shared, email, next, password, stored, old_cookie, user_agent,
                                respond = std::move(respond)](core::Admission admission) mutable {
    if (admission == core::Admission::refused) return respond(unavailable(app, *shared));
    bool ok = false;
    if (stored && stored->account.active && !stored->password_hash.empty() &&
        password.size() <= accounts::kMaxPasswordLength) {
      ok = accounts::verify_password(password, stored->password_hash);
    } else {
      accounts::verify_dummy(password);
    }
    auto at = core::Clock::now();
    auto session = accounts::make_session_values();
    app.db.write(
        // For a failed attempt: whether the address is now locked.
        [ok, email, stored, session, old_cookie, user_agent, at](store::Connection& db) {
          if (!ok) return accounts::record_failure(db, email, at).locked_until.has_value();
          accounts::clear_failures(db, email);
          if (core::looks_like_token(old_cookie))
            accounts::delete_session(db, core::token_hash(old_cookie));
          accounts::insert_session(db, session, stored->account.id, user_agent, at);
          return false;
        },
        [&app, ok, shared, email, next, session,
         respond = std::move(respond)](store::Result<bool> locked) mutable {
          if (!locked) {
            spdlog::error("login: write failed: {}", locked.failure().message);
            return respond(unavailable(app, *shared));
          }
          if (!ok) {
            return answer_failure(app, shared, email, next,
                                  *locked ? LoginProblem::locked : LoginProblem::wrong,
                                  std::move(respond));
          }
          spdlog::info("admin: account {} logged in", email);
          auto response = http::Response::redirect(303, next);
          response.headers.add("Set-Cookie", session_cookie(app, session.cookie_value));
          mark_admin(response);
          respond(std::move(response));
        });
  });
}

void logout_submit(App& app, http::Request& request, const Session&, http::Responder respond) {
  auto id_hash = core::token_hash(request.cookie(kSessionCookie).value_or(""));
  app.db.write([id_hash](store::Connection& db) { accounts::delete_session(db, id_hash); },
               [&app, respond = std::move(respond)](store::WriteOutcome outcome) {
                 if (!outcome.ok) spdlog::error("logout: write failed: {}", outcome.message);
                 auto response = http::Response::redirect(303, "/admin/logowanie?wylogowano=1");
                 response.headers.add("Set-Cookie", cleared_session_cookie(app));
                 respond(std::move(response));
               });
}

}  // namespace rynek::web::admin
