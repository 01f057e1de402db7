// The one place a Set-Cookie value is written. Every cookie Rynek sets — the
// session, the CSRF value, the language choice — is Path=/, HttpOnly and
// SameSite=Lax, and Secure when the configured base URL is https:// (then the
// server also sends Strict-Transport-Security, see security_policy()).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/config.hpp"
#include "http/finish.hpp"

namespace rynek::web {

// True when the site is reached over HTTPS (the base URL starts with https://).
bool uses_https(const core::Config& config);

// What the server and the page cache add to every response for this configuration.
http::SecurityPolicy security_policy(const core::Config& config);

// "name=value; Path=/; Max-Age=N; HttpOnly; SameSite=Lax[; Secure]"; without
// max_age_seconds the cookie lasts for the browser session, with 0 it is removed.
std::string set_cookie_value(const core::Config& config, std::string_view name,
                             std::string_view value,
                             std::optional<long> max_age_seconds = std::nullopt);

}  // namespace rynek::web
