// The one check of a broadcast or recording address, shared by seminar files
// (events/seminar_parser), the back-office form (web/admin/seminars_form_check) and
// the participant page, which builds its Content-Security-Policy source from the
// result. The address is parsed (Boost.URL), not matched by prefix:
//   - https to any host; plain http only when the host is exactly localhost,
//     127.0.0.1 or [::1] (tests and local players), so "http://localhost.evil.example"
//     is refused;
//   - no user name or password before the host;
//   - the host is a DNS name (letters, digits, hyphens, dot-separated labels of at most
//     63 characters) or an IPv4/IPv6 address, never a percent-encoded or
//     sub-delimiter-laden "registered name";
//   - no space, control character, quote, semicolon, comma, backslash or angle bracket
//     anywhere (they would end a CSP source or an HTML attribute), at most 2000 bytes.
// The origin is rebuilt as scheme://host[:port] from the parsed, lower-cased parts,
// never copied from the text.
#pragma once

#include <string>
#include <string_view>

namespace rynek::events {

enum class BroadcastUrlProblem {
  none,
  too_long,
  forbidden_character,
  not_absolute,
  scheme,
  userinfo,
  host,
  port,
  plain_http_host,
};

struct BroadcastUrl {
  BroadcastUrlProblem problem = BroadcastUrlProblem::none;
  std::string scheme;  // "https" or "http", lower case
  std::string host;    // lower case; an IPv6 address in brackets
  std::string port;    // digits, or "" for the scheme's default
  std::string origin;  // scheme://host[:port]

  explicit operator bool() const { return problem == BroadcastUrlProblem::none; }
};

BroadcastUrl validate_broadcast_url(std::string_view text);

// The reason in English, as a message id of the catalog (translated by the caller).
const char* broadcast_url_problem_text(BroadcastUrlProblem problem);

}  // namespace rynek::events
