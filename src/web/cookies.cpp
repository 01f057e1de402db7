#include "web/cookies.hpp"

namespace rynek::web {

bool uses_https(const core::Config& config) {
  return config.base_url.starts_with("https://");
}

http::SecurityPolicy security_policy(const core::Config& config) {
  http::SecurityPolicy policy;
  policy.strict_transport_security = uses_https(config);
  return policy;
}

std::string set_cookie_value(const core::Config& config, std::string_view name,
                             std::string_view value, std::optional<long> max_age_seconds) {
  std::string out;
  out.reserve(name.size() + value.size() + 64);
  out.append(name).append("=").append(value).append("; Path=/");
  if (max_age_seconds) out += "; Max-Age=" + std::to_string(*max_age_seconds);
  out += "; HttpOnly; SameSite=Lax";
  if (uses_https(config)) out += "; Secure";
  return out;
}

}  // namespace rynek::web
