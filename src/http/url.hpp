// Decoding of request targets and form bodies with Boost.URL. Anything that is not
// a well-formed origin-form target, or that decodes to invalid UTF-8 or a NUL byte,
// is rejected here, so handlers only ever see clean text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rynek::http {

using Params = std::vector<std::pair<std::string, std::string>>;

struct Target {
  std::string path;          // decoded
  std::string query_string;  // raw
  Params query;              // decoded, '+' as space
};

std::optional<Target> decode_target(std::string_view target);
// application/x-www-form-urlencoded
std::optional<Params> decode_form(std::string_view body);

// Percent-encodes one path segment or query value.
std::string encode_component(std::string_view text);

// True for a local path safe to redirect to: starts with one '/', no scheme, no "//", no backslash.
bool is_local_path(std::string_view path);

}  // namespace rynek::http
