// What every response gets on its way out, whatever handler made it:
// security headers, conditional GET (ETag / If-None-Match -> 304) and gzip.
#pragma once

#include "http/message.hpp"

namespace rynek::http {

// The Content-Security-Policy sent unless a handler sets its own. No inline
// script or style is allowed anywhere; pages embed broadcasts through frame-src.
extern const char* const kDefaultContentSecurityPolicy;

// What depends on how the site is reached: behind HTTPS (the configured base URL is
// https://) every response also says Strict-Transport-Security, so a browser that
// has seen the site once never tries plain http again.
struct SecurityPolicy {
  bool strict_transport_security = false;
};
inline constexpr const char* kStrictTransportSecurity = "max-age=31536000";

void add_security_headers(Response& response, const SecurityPolicy& policy = {});

// True when If-None-Match names the response's ETag (weak comparison, "*" too).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// Applies 304 and gzip for the request. HEAD is handled by the server.
void finish_response(const Request& request, Response& response, const SecurityPolicy& policy = {});

// The header block of a finished 200 response sent on a kept-alive connection:
// status line, headers, Content-Length, blank line.
std::string serialize_head(const Response& response);

}  // namespace rynek::http
