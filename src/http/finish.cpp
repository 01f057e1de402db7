#include "http/finish.hpp"

#include "core/text.hpp"
#include "http/gzip.hpp"

namespace rynek::http {

const char* const kDefaultContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'; "
    "frame-src https://www.youtube-nocookie.com https://www.youtube.com "
    "https://www.facebook.com https://player.vimeo.com";

namespace {

void set_default(Response& response, const char* name, const char* value) {
  if (!response.headers.has(name)) response.headers.set(name, value);
}

std::string_view strip_weak(std::string_view tag) {
  tag = core::trim(tag);
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  return tag;
}

}  // namespace

void add_security_headers(Response& response, const SecurityPolicy& policy) {
  if (policy.strict_transport_security)
    set_default(response, "Strict-Transport-Security", kStrictTransportSecurity);
  set_default(response, "Content-Security-Policy", kDefaultContentSecurityPolicy);
  set_default(response, "X-Content-Type-Options", "nosniff");
  set_default(response, "Referrer-Policy", "strict-origin-when-cross-origin");
  set_default(response, "X-Frame-Options", "DENY");
  set_default(response, "Cross-Origin-Opener-Policy", "same-origin");
  set_default(response, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  if (core::trim(if_none_match) == "*") return true;
  for (auto candidate : core::split(if_none_match, ',')) {
    if (strip_weak(candidate) == strip_weak(etag)) return true;
  }
  return false;
}

void finish_response(const Request& request, Response& response, const SecurityPolicy& policy) {
  add_security_headers(response, policy);
  if (response.status == 200) {
    auto etag = response.headers.get("ETag");
    auto if_none_match = request.headers.get("If-None-Match");
    if (etag && if_none_match && etag_matches(*if_none_match, *etag)) {
      response.status = 304;
      response.body.clear();
      response.shared_body.reset();
      response.body_is_gzip = false;
      response.headers.remove("Content-Type");
      return;
    }
  }
  auto content_type = response.headers.get("Content-Type");
  bool compressible = content_type && is_compressible(*content_type);
  if (compressible || response.body_is_gzip) {
    std::string vary(response.headers.get("Vary").value_or(""));
    if (vary.find("Accept-Encoding") == std::string::npos) {
      response.headers.set("Vary", vary.empty() ? "Accept-Encoding" : vary + ", Accept-Encoding");
    }
  }
  if (!response.body_is_gzip && compressible && response.body_view().size() >= 512 &&
      accepts_gzip(request.header("Accept-Encoding"))) {
    response.body = gzip_compress(response.body_view());
    response.shared_body.reset();
    response.body_is_gzip = true;
  }
  if (response.body_is_gzip) response.headers.set("Content-Encoding", "gzip");
}

std::string serialize_head(const Response& response) {
  std::string head = "HTTP/1.1 200 OK\r\n";
  for (const auto& [name, value] : response.headers.all()) {
    head += name;
    head += ": ";
    head += value;
    head += "\r\n";
  }
  head += "Content-Length: " + std::to_string(response.body_view().size()) + "\r\n\r\n";
  return head;
}

}  // namespace rynek::http
