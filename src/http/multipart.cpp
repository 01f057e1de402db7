#include "http/multipart.hpp"

#include "core/text.hpp"

namespace rynek::http {
namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::size_t kMaxHeaderLines = 16;
constexpr std::size_t kMaxNameBytes = 255;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && core::to_lower_ascii(a) == core::to_lower_ascii(b);
}

// RFC 2046 bchars: digits, letters and '()+_,-./:=? plus space (not last).
bool valid_boundary(std::string_view boundary) {
  if (boundary.empty() || boundary.size() > 70 || boundary.back() == ' ') return false;
  for (char c : boundary) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

// Splits "type; a=1; b=\"x;y\"" into the type and its parameters. Quoted values
// end at the next quote: browsers percent-encode quotes in names and send
// backslashes literally (old IE sent "C:\path\file"), so there is no escaping.
struct HeaderValue {
  std::string value;
  std::vector<std::pair<std::string, std::string>> params;
  std::optional<std::string> param(std::string_view name) const {
    for (const auto& [key, text] : params) {
      if (iequals(key, name)) return text;
    }
    return std::nullopt;
  }
};

std::optional<HeaderValue> parse_header_value(std::string_view text) {
  HeaderValue result;
  auto semicolon = text.find(';');
  result.value = core::to_lower_ascii(core::trim(text.substr(0, semicolon)));
  if (semicolon == std::string_view::npos) return result;
  text.remove_prefix(semicolon + 1);
  while (true) {
    text = core::trim(text);
    if (text.empty()) return result;
    auto equals = text.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    std::string key = core::to_lower_ascii(core::trim(text.substr(0, equals)));
    if (key.empty()) return std::nullopt;
    text = core::trim(text.substr(equals + 1));
    std::string value;
    if (!text.empty() && text.front() == '"') {
      auto close = text.find('"', 1);
      if (close == std::string_view::npos) return std::nullopt;
      value = text.substr(1, close - 1);
      text.remove_prefix(close + 1);
      text = core::trim(text);
      if (!text.empty() && text.front() != ';') return std::nullopt;
    } else {
      auto end = text.find(';');
      value = core::trim(text.substr(0, end));
      text = end == std::string_view::npos ? std::string_view() : text.substr(end);
    }
    for (const auto& existing : result.params) {
      if (existing.first == key) return std::nullopt;  // "name=a; name=b": ambiguous
    }
    result.params.emplace_back(std::move(key), std::move(value));
    if (!text.empty()) text.remove_prefix(1);  // the ';'
  }
}

bool clean_name(std::string_view name) {
  return name.size() <= kMaxNameBytes && core::is_valid_utf8(name) &&
         name.find_first_of(std::string_view("\0\r\n", 3)) == std::string_view::npos;
}

bool clean_text(std::string_view text) {
  return core::is_valid_utf8(text) && text.find('\0') == std::string_view::npos;
}

// Reads the header block of one part (up to the blank line) into `part`.
std::optional<MultipartError> parse_part_headers(std::string_view block, Part& part) {
  bool disposition_seen = false;
  std::size_t lines = 0;
  while (!block.empty()) {
    auto end = block.find(kCrlf);
    std::string_view line = block.substr(0, end);
    block = end == std::string_view::npos ? std::string_view() : block.substr(end + 2);
    if (++lines > kMaxHeaderLines) return MultipartError::headers_too_large;
    // Obsolete line folding and lines without a colon are refused.
    auto colon = line.find(':');
    if (line.empty() || line.front() == ' ' || line.front() == '\t' ||
        colon == std::string_view::npos || colon == 0) {
      return MultipartError::malformed;
    }
    std::string_view name = line.substr(0, colon);
    std::string_view value = line.substr(colon + 1);
    if (iequals(name, "Content-Disposition")) {
      if (disposition_seen) return MultipartError::bad_disposition;
      disposition_seen = true;
      auto parsed = parse_header_value(value);
      if (!parsed || parsed->value != "form-data") return MultipartError::bad_disposition;
      auto field = parsed->param("name");
      if (!field || field->empty()) return MultipartError::bad_disposition;
      if (!clean_name(*field)) return MultipartError::bad_name;
      part.name = *field;
      if (auto filename = parsed->param("filename")) {
        if (!clean_name(*filename)) return MultipartError::bad_name;
        part.filename = file_base_name(*filename);
      }
    } else if (iequals(name, "Content-Type")) {
      part.content_type = core::to_lower_ascii(core::trim(value));
    }
  }
  if (!disposition_seen) return MultipartError::bad_disposition;
  return std::nullopt;
}

// After a delimiter: "--" closes the message; otherwise optional spaces or tabs
// (transport padding) and CRLF start the next part. Returns the position after it.
enum class AfterDelimiter { next_part, close, junk };
AfterDelimiter after_delimiter(std::string_view body, std::size_t& position) {
  if (body.substr(position, 2) == "--") {
    position += 2;
    return AfterDelimiter::close;
  }
  while (position < body.size() && (body[position] == ' ' || body[position] == '\t')) ++position;
  if (body.substr(position, 2) != kCrlf) return AfterDelimiter::junk;
  position += 2;
  return AfterDelimiter::next_part;
}

}  // namespace

const Part* Multipart::find(std::string_view name) const {
  for (const auto& part : parts) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

Params Multipart::fields() const {
  Params result;
  for (const auto& part : parts) {
    if (!part.filename) result.emplace_back(part.name, part.body);
  }
  return result;
}

std::string file_base_name(std::string_view name) {
  auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  name = core::trim(name);
  if (name == "." || name == "..") return "";
  return std::string(name);
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  auto parsed = parse_header_value(content_type);
  if (!parsed || parsed->value != "multipart/form-data") return std::nullopt;
  auto boundary = parsed->param("boundary");
  if (!boundary || !valid_boundary(*boundary)) return std::nullopt;
  return boundary;
}

MultipartResult parse_multipart(std::string_view content_type, std::string_view body,
                                const MultipartLimits& limits) {
  auto type = parse_header_value(content_type);
  if (!type || type->value != "multipart/form-data") return MultipartError::not_multipart;
  auto boundary = multipart_boundary(content_type);
  if (!boundary) return MultipartError::bad_boundary;
  const std::string delimiter = "\r\n--" + *boundary;

  // The first delimiter may open the body directly (no preamble, the usual case)
  // or follow a preamble, which is ignored.
  std::size_t position = 0;
  if (body.substr(0, delimiter.size() - 2) == std::string_view(delimiter).substr(2)) {
    position = delimiter.size() - 2;
  } else {
    auto first = body.find(delimiter);
    if (first == std::string_view::npos) return MultipartError::malformed;
    position = first + delimiter.size();
  }

  Multipart result;
  while (true) {
    auto after = after_delimiter(body, position);
    if (after == AfterDelimiter::junk) return MultipartError::malformed;
    if (after == AfterDelimiter::close) break;  // the epilogue, if any, is ignored
    if (result.parts.size() >= limits.max_parts) return MultipartError::too_many_parts;

    Part part;
    std::string_view rest = body.substr(position);
    if (rest.substr(0, 2) == kCrlf) {
      return MultipartError::bad_disposition;  // a part with no headers at all
    }
    auto headers_end = rest.find("\r\n\r\n");
    if (headers_end == std::string_view::npos) {
      return rest.size() > limits.max_header_bytes ? MultipartError::headers_too_large
                                                   : MultipartError::malformed;
    }
    if (headers_end > limits.max_header_bytes) return MultipartError::headers_too_large;
    if (auto error = parse_part_headers(rest.substr(0, headers_end), part)) return *error;
    position += headers_end + 4;

    auto next = body.find(delimiter, position);
    if (next == std::string_view::npos) return MultipartError::malformed;  // no final boundary
    part.body = body.substr(position, next - position);
    if (!part.filename && !clean_text(part.body)) return MultipartError::bad_name;
    result.parts.push_back(std::move(part));
    position = next + delimiter.size();
  }
  return result;
}

std::string_view multipart_error_name(MultipartError error) {
  switch (error) {
    case MultipartError::not_multipart:
      return "not_multipart";
    case MultipartError::bad_boundary:
      return "bad_boundary";
    case MultipartError::malformed:
      return "malformed";
    case MultipartError::too_many_parts:
      return "too_many_parts";
    case MultipartError::headers_too_large:
      return "headers_too_large";
    case MultipartError::bad_disposition:
      return "bad_disposition";
    case MultipartError::bad_name:
      return "bad_name";
  }
  return "unknown";
}

}  // namespace rynek::http
