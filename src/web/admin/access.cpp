// The back-office gate (see access.hpp): every admin route is wrapped by guard()
// or guard_async(), which find the session and check the role before the handler
// runs. The session's CSRF token was checked before that, at dispatch (web/csrf.hpp).
#include "web/admin/access.hpp"

#include <array>
#include <string_view>

#include "accounts/account_store.hpp"
#include "accounts/session.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/tokens.hpp"
#include "http/url.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
namespace {

std::string login_redirect_target(const http::Request& request) {
  std::string here = request.path;
  if (!request.query_string.empty()) here += "?" + request.query_string;
  return "/admin/logowanie?next=" + http::encode_component(here);
}

// The answer when the request may not reach the handler, or nullopt when it may.
std::optional<http::Response> refuse(App& app, Access access, const http::Request& request,
                                     const std::optional<Session>& session) {
  if (!session) {
    // A form posted after the session ended is lost anyway; send the person to log in.
    auto response = http::Response::redirect(303, login_redirect_target(request));
    mark_admin(response);
    return response;
  }
  if (!allows(access, session->account.role)) {
    auto response = render_error(app, 403, &request);
    mark_admin(response);
    return response;
  }
  return std::nullopt;
}

}  // namespace

bool allows(Access access, accounts::Role role) {
  using accounts::Role;
  switch (access) {
    case Access::any_account:
      return true;
    case Access::organisers:
      return accounts::at_least(role, Role::organiser);
    case Access::editors:
      return accounts::at_least(role, Role::editor);
    case Access::admins:
      return accounts::at_least(role, Role::admin);
  }
  return false;
}

std::optional<Session> current_session(App& app, const http::Request& request) {
  auto cookie = request.cookie(kSessionCookie);
  if (!cookie || !core::looks_like_token(*cookie)) return std::nullopt;
  const auto id_hash = core::token_hash(*cookie);
  const auto now = core::Clock::now();
  auto found = app.db.read([&](store::Connection& db) {
    std::optional<std::pair<accounts::SessionRecord, accounts::Account>> result;
    auto record = accounts::find_session(db, id_hash);
    if (!record) return result;
    auto account = accounts::find_account(db, record->account_id);
    if (account) result.emplace(std::move(*record), std::move(*account));
    return result;
  });
  if (!found) return std::nullopt;
  auto& [record, account] = *found;
  auto ignore = [](store::WriteOutcome outcome) {
    if (!outcome.ok) spdlog::warn("admin session update failed: {}", outcome.message);
  };
  if (accounts::session_state(record, now) != accounts::SessionState::valid || !account.active) {
    app.db.write([id_hash](store::Connection& db) { accounts::delete_session(db, id_hash); },
                 ignore);
    return std::nullopt;
  }
  if (accounts::needs_touch(record, now)) {
    app.db.write(
        [id_hash, now](store::Connection& db) { accounts::touch_session(db, id_hash, now); },
        ignore);
  }
  return Session{std::move(account), std::move(record.csrf)};
}

http::SyncHandler guard(App& app, Access access, Handler handler) {
  return [&app, access, handler](http::Request& request) {
    auto session = current_session(app, request);
    if (auto refused = refuse(app, access, request, session)) return std::move(*refused);
    auto response = handler(app, request, *session);
    mark_admin(response);
    return response;
  };
}

http::AsyncHandler guard_async(App& app, Access access, AsyncHandler handler) {
  return [&app, access, handler](http::Request& request, http::Responder respond) {
    auto session = current_session(app, request);
    if (auto refused = refuse(app, access, request, session)) return respond(std::move(*refused));
    handler(app, request, *session, [respond = std::move(respond)](http::Response response) {
      mark_admin(response);
      respond(std::move(response));
    });
  };
}

http::Route admin_get(App& app, Access access, std::string pattern, std::string name,
                      Handler handler) {
  return http::Route{
      http::Method::get,     std::move(pattern), std::move(name), guard(app, access, handler), 0,
      http::Csrf::not_needed};
}

http::Route admin_post(App& app, Access access, std::string pattern, std::string name,
                       AsyncHandler handler, std::size_t body_limit) {
  return http::Route{http::Method::post, std::move(pattern),
                     std::move(name),    guard_async(app, access, handler),
                     body_limit,         http::Csrf::session_form};
}

void mark_admin(http::Response& response) {
  response.headers.set("Cache-Control", "no-store");
  response.headers.set("X-Robots-Tag", "noindex, nofollow");
  response.headers.set("Referrer-Policy", "no-referrer");
}

std::string role_label(const std::string& lang, accounts::Role role) {
  switch (role) {
    case accounts::Role::admin:
      return core::translate(lang, core::N_("Administrator"));
    case accounts::Role::editor:
      return core::translate(lang, core::N_("Editor"));
    case accounts::Role::organiser:
      return core::translate(lang, core::N_("Organiser"));
  }
  return {};
}

http::Response render_admin_page(const App& app, const http::Request& request,
                                 const Session& session, const std::string& page_template,
                                 view::Value context, const std::string& title, int status) {
  const auto lang = request_language(app, request);
  const auto role = session.account.role;
  view::Value nav;
  nav["name"] = session.account.name;
  nav["email"] = session.account.email;
  nav["role"] = role_label(lang, role);
  nav["csrf"] = session.csrf;
  nav["editors"] = allows(Access::editors, role);
  nav["organisers"] = allows(Access::organisers, role);
  nav["admins"] = allows(Access::admins, role);
  // The section the page belongs to: aria-current="page" on its own link,
  // "true" on the section's link from a page inside it (e.g. an article's form).
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kSections{{
      {"/admin", "dashboard"},
      {"/admin/artykuly", "articles"},
      {"/admin/seminaria", "seminars"},
      {"/admin/uzytkownicy", "users"},
      {"/admin/dziennik", "audit"},
      {"/admin/ustawienia", "settings"},
  }};
  for (const auto& [prefix, key] : kSections) {
    const std::string_view path = request.path;
    if (path == prefix) {
      nav["current_" + std::string(key)] = std::string("page");
    } else if (prefix != "/admin" && path.starts_with(prefix) && path[prefix.size()] == '/') {
      nav["current_" + std::string(key)] = std::string("true");
    }
  }
  context["admin_nav"] = std::move(nav);
  context["csrf"] = session.csrf;
  PageMeta meta;
  meta.title = title;
  meta.nav = "admin";
  auto response = render_page(app, request, lang, page_template, std::move(context), meta, status);
  mark_admin(response);
  return response;
}

}  // namespace rynek::web::admin
