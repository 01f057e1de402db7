// Helpers shared by the account pages (login, password, users); not for other areas.
#pragma once

#include <string>

#include "http/message.hpp"
#include "view/templates.hpp"
#include "web/app.hpp"

namespace rynek::web::admin {

// "rynek_session=<value>; Path=/; HttpOnly; SameSite=Lax[; Secure]".
std::string session_cookie(const App& app, const std::string& value);
// The same cookie, emptied and expired (logout).
std::string cleared_session_cookie(const App& app);

// Renders a page for someone not (yet) logged in: login, password reset. The
// anonymous CSRF token (web/forms.hpp) is put in context["csrf"]; never cached.
http::Response render_anonymous_page(const App& app, const http::Request& request,
                                     const std::string& template_name, view::Value context,
                                     const std::string& title, int status = 200);

// The "next" parameter when it is a local /admin path, else "/admin".
std::string safe_next(std::string_view next);

// A 503 page with Retry-After, for a full hash pool or a failed write.
http::Response unavailable(const App& app, const http::Request& request);

}  // namespace rynek::web::admin
