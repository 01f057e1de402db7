// The one place where Rynek checks cross-site request forgery tokens.
//
// Every POST route declares what it needs (http::Csrf in web/routes.cpp and the
// admin route tables); the server asks this guard before the handler runs:
//   visitor_form  the "csrf" field must be HMAC(secret, the visitor's rynek_csrf
//                 cookie) (web/forms.hpp): public registration, the personal page,
//                 the login and password pages;
//   session_form  the "csrf" field must equal the signed-in session's token. A
//                 request without a session passes here: the back-office gate then
//                 sends it to the login page, so nothing can change either way.
// A refusal is a 403 page that says the form has expired and links back to it.
// The field is read from url-encoded and multipart bodies alike; a body that
// cannot be read at all is refused with 400.
#pragma once

#include <optional>
#include <string>

#include "http/router.hpp"
#include "web/app.hpp"

namespace rynek::web {

// The "csrf" field of a url-encoded or multipart form body; nullopt when absent.
// Sets `unreadable` when the body cannot be decoded at all.
std::optional<std::string> csrf_field(const http::Request& request, bool* unreadable = nullptr);

// Installed on the router by make_router (web/routes.cpp).
http::CsrfGuard make_csrf_guard(App& app);

}  // namespace rynek::web
