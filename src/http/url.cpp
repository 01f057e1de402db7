#include "http/url.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/pchars.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <boost/url/url_view.hpp>

#include "core/text.hpp"

namespace rynek::http {
namespace {

bool clean(std::string_view text) {
  return core::is_valid_utf8(text) && text.find('\0') == std::string_view::npos;
}

// Decodes "a=1&b=x+y" with Boost.URL's params view (percent-decoding, '+' as space).
// A raw '#' is refused: a query or form body never holds one (browsers send %23), and
// parsed as a relative reference it began a fragment — "a=1&#x" was accepted as a=1, and
// "#x" after an empty query made Boost.URL 1.81's params iterator read out of bounds
// (found by tests/fuzz/form.cpp).
std::optional<Params> decode_query(std::string_view query) {
  if (query.find('#') != std::string_view::npos) return std::nullopt;
  std::string with_mark = "?";
  with_mark += query;
  auto parsed = boost::urls::parse_relative_ref(with_mark);
  if (!parsed) return std::nullopt;
  Params params;
  boost::urls::encoding_opts options;
  options.space_as_plus = true;
  for (auto param : parsed->params(options)) {
    if (param.key.empty() && !param.has_value) continue;  // "a=1&&b=2"
    if (!clean(param.key) || !clean(param.value)) return std::nullopt;
    params.emplace_back(param.key, param.value);
  }
  return params;
}

}  // namespace

std::optional<Target> decode_target(std::string_view target) {
  if (target.empty() || target.front() != '/') return std::nullopt;
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return std::nullopt;
  Target result;
  result.path = parsed->path();
  if (!clean(result.path)) return std::nullopt;
  if (parsed->has_query()) {
    result.query_string = parsed->encoded_query();
    auto query = decode_query(result.query_string);
    if (!query) return std::nullopt;
    result.query = std::move(*query);
  }
  return result;
}

std::optional<Params> decode_form(std::string_view body) {
  if (body.empty()) return Params{};
  return decode_query(body);
}

std::string encode_component(std::string_view text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

bool is_local_path(std::string_view path) {
  return !path.empty() && path.front() == '/' && !path.starts_with("//") &&
         path.find('\\') == std::string_view::npos && clean(path) &&
         path.find_first_of("\r\n\t") == std::string_view::npos;
}

}  // namespace rynek::http
