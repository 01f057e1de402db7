// Who is asking, for back-office routes. Every /admin route is declared in the
// route table (web/routes.cpp) with the access it needs; the table's wrapper
// resolves the session before the handler runs:
//   no valid session          -> 303 to /admin/logowanie?next=<this page>
//   session, role not allowed -> 403 page
//   POST without the session's CSRF token in the "csrf" field -> 403
// so a handler only ever runs for a logged-in account with a fitting role. Checks
// on particular objects (an organiser opening a seminar not assigned to them)
// stay in the handler, and answer 404 so that ids reveal nothing.
#pragma once

#include <optional>
#include <string>

#include "accounts/account.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "view/templates.hpp"
#include "web/app.hpp"

namespace rynek::web::admin {

// Which roles a route admits. admin is admitted everywhere.
enum class Access {
  any_account,  // every logged-in account (dashboard, own password)
  editors,      // editor, admin
  organisers,   // organiser, editor, admin (object checks in the handler)
  admins,       // admin only
};

bool allows(Access access, accounts::Role role);

struct Session {
  accounts::Account account;
  std::string csrf;  // the token forms of this session must carry
};

// The session behind the request's cookie, if valid (not expired, account active).
std::optional<Session> current_session(App& app, const http::Request& request);

using Handler = http::Response (*)(App& app, http::Request& request, const Session& session);
using AsyncHandler = void (*)(App& app, http::Request& request, const Session& session,
                              http::Responder respond);

// Builds the router-facing handlers enforcing the rules above.
http::SyncHandler guard(App& app, Access access, Handler handler);
http::AsyncHandler guard_async(App& app, Access access, AsyncHandler handler);

// Route-table entries of the back office, guarded as above: a page (GET), and a
// form target (POST) that needs the session's CSRF token and reads at most
// body_limit bytes.
http::Route admin_get(App& app, Access access, std::string pattern, std::string name,
                      Handler handler);
http::Route admin_post(App& app, Access access, std::string pattern, std::string name,
                       AsyncHandler handler, std::size_t body_limit);

// --- Shared by every back-office page (implemented in access.cpp) ---

inline constexpr std::string_view kSessionCookie = "rynek_session";

// No caching, no indexing, no Referer: set on every response that passes a guard.
void mark_admin(http::Response& response);

// Renders an admin page inside the site layout. The page template receives
// `context` plus "admin_nav" (used by {{> admin/nav}}: the account's name, role,
// the logout form with its CSRF token, links the role may use) and "csrf" (the
// token every POST form of the page must carry in a hidden field named "csrf").
http::Response render_admin_page(const App& app, const http::Request& request,
                                 const Session& session, const std::string& page_template,
                                 view::Value context, const std::string& title, int status = 200);

// The role's name in the visitor's language ("Administrator", "Redaktor", ...).
std::string role_label(const std::string& lang, accounts::Role role);

}  // namespace rynek::web::admin
