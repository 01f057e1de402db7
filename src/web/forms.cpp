#include "web/forms.hpp"

#include "core/tokens.hpp"
#include "web/cookies.hpp"

namespace rynek::web {

std::string csrf_token_for(const App& app, const http::Request& request, http::Response& response) {
  auto cookie = request.cookie(kCsrfCookie);
  std::string value;
  if (cookie && core::looks_like_token(*cookie)) {
    value = std::string(*cookie);
  } else {
    value = core::random_token();
    response.headers.add("Set-Cookie", set_cookie_value(app.config, kCsrfCookie, value));
  }
  return app.secret.csrf_token(value);
}

std::string form_value(const http::Params& form, std::string_view key) {
  for (const auto& [name, value] : form) {
    if (name == key) return value;
  }
  return {};
}

std::string client_key(const http::Request& request) {
  return request.remote_address;
}

void mark_private(http::Response& response) {
  response.headers.set("Cache-Control", "no-store");
  response.headers.set("Referrer-Policy", "no-referrer");
  response.headers.set("X-Robots-Tag", "noindex, nofollow");
}

}  // namespace rynek::web
