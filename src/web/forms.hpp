// Forms of anonymous visitors: CSRF protection and small helpers.
//
// A visitor gets a random value in the HttpOnly cookie "rynek_csrf" when a page
// with a form is shown; the form carries HMAC(secret, that value) in the hidden
// field "csrf". A POST is accepted only when both are present and match, so
// another site cannot make a visitor's browser submit our forms (it can neither
// read the cookie nor compute the HMAC), and SameSite=Lax keeps the cookie off
// cross-site POSTs anyway.
#pragma once

#include <optional>
#include <string>

#include "http/message.hpp"
#include "http/url.hpp"
#include "web/app.hpp"

namespace rynek::web {

inline constexpr std::string_view kCsrfCookie = "rynek_csrf";
inline constexpr std::string_view kCsrfField = "csrf";

// The form token for this visitor; sets the cookie on `response` when the visitor has none.
// POSTs are checked against it at dispatch (web/csrf.hpp).
std::string csrf_token_for(const App& app, const http::Request& request, http::Response& response);

// First value of a form field, "" when absent.
std::string form_value(const http::Params& form, std::string_view key);

// The client address used for rate limits.
std::string client_key(const http::Request& request);

// Pages that carry personal data: never cached, never indexed, no Referer.
void mark_private(http::Response& response);

}  // namespace rynek::web
