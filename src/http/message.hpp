// Request and response as the rest of Rynek sees them. Beast stays inside
// src/http/server.cpp; handlers see only these plain types.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rynek::http {

enum class Method { get, head, post, put, patch, del, options, other };
std::string_view method_name(Method method);

// Header names compare case-insensitively.
class Headers {
 public:
  void add(std::string name, std::string value);
  void set(std::string name, std::string value);  // replaces existing
  void remove(std::string_view name);
  std::optional<std::string_view> get(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  std::size_t count(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& all() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// RFC 9112 3.2: an HTTP/1.1 request carries exactly one Host header, an HTTP/1.0
// one at most; anything else is answered 400. `version` is 10 or 11.
bool host_header_valid(const Headers& headers, unsigned version);

struct Request {
  Method method = Method::get;
  std::string target;        // as received: "/aktualnosci?page=2"
  std::string path;          // percent-decoded, valid UTF-8: "/aktualnosci"
  std::string query_string;  // raw, without '?'
  std::vector<std::pair<std::string, std::string>> query;  // decoded parameters
  Headers headers;
  std::string body;
  std::string remote_address;
  std::map<std::string, std::string> params;  // from the route pattern
  std::string route_name;                     // set by the router, used in logs
  std::string log_path;  // what the access log shows: the path or the route's pattern

  // First query parameter of that name, if any.
  std::optional<std::string_view> query_param(std::string_view name) const;
  std::optional<std::string_view> cookie(std::string_view name) const;
  std::string_view header(std::string_view name) const;  // "" when absent
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // When set, the body is sent from this shared buffer instead of `body`
  // (the page cache hands out its entries this way, without copying).
  std::shared_ptr<const std::string> shared_body;
  // Set when the body is already gzip-compressed.
  bool body_is_gzip = false;
  // The complete header block ("HTTP/1.1 200 OK\r\n...\r\n\r\n") for this exact
  // body, with everything finish_response() would add, prepared once by the page
  // cache. Only set for a plain GET (no If-None-Match), whose `headers` may then be
  // left empty: the server sends this block as is (adding Connection: close when
  // the connection is closing).
  std::shared_ptr<const std::string> raw_head;
  // Static assets are not logged unless asked.
  bool quiet = false;
  // Set by an http::Responder destroyed without answering (http/responder.hpp).
  bool abandoned = false;

  std::string_view body_view() const {
    return shared_body ? std::string_view(*shared_body) : std::string_view(body);
  }

  static Response text(int status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
  static Response html(int status, std::string body);
  static Response json(int status, std::string body);
  static Response redirect(int status, std::string location);
};

}  // namespace rynek::http
