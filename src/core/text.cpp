#include "core/text.hpp"

#include <sodium.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <memory>
#include <mutex>

namespace rynek::core {

bool is_valid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int length = 0;
    char32_t code = 0;
    char32_t minimum = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2, code = c & 0x1F, minimum = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3, code = c & 0x0F, minimum = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4, code = c & 0x07, minimum = 0x10000;
    } else {
      return false;  // continuation byte, 0xC0/0xC1 (always overlong) or 0xF5 and above
    }
    if (end - p < length) return false;
    for (int i = 1; i < length; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      code = (code << 6) | (p[i] & 0x3F);
    }
    if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    p += length;
  }
  return true;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

// Polish letters are mapped by hand so that slugs never depend on ICU's
// transliteration data; ICU handles the rest of the world's scripts.
std::string_view polish_ascii(char32_t c) {
  switch (c) {
    case U'ą':
    case U'Ą':
      return "a";
    case U'ć':
    case U'Ć':
      return "c";
    case U'ę':
    case U'Ę':
      return "e";
    case U'ł':
    case U'Ł':
      return "l";
    case U'ń':
    case U'Ń':
      return "n";
    case U'ó':
    case U'Ó':
      return "o";
    case U'ś':
    case U'Ś':
      return "s";
    case U'ź':
    case U'Ź':
    case U'ż':
    case U'Ż':
      return "z";
    default:
      return {};
  }
}

// Transliterator objects are not safe to share between threads, and creating
// one costs a few milliseconds, so each thread keeps its own.
std::string to_ascii_with_icu(std::string_view text) {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  if (!transliterator) return std::string(text);
  auto unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  transliterator->transliterate(unicode);
  std::string out;
  unicode.toUTF8String(out);
  return out;
}

}  // namespace

bool is_slug(std::string_view text) {
  if (text.empty() || text.size() > kMaxSlugLength || text.front() == '-' || text.back() == '-')
    return false;
  if (text.find("--") != std::string_view::npos) return false;
  return text.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos;
}

std::string slugify(std::string_view text) {
  constexpr std::size_t kMaxLength = 80;
  if (!is_valid_utf8(text)) return {};
  // First pass: Polish letters to ASCII; note whether anything else non-ASCII remains.
  std::string ascii;
  bool other_non_ascii = false;
  auto unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  for (int32_t i = 0; i < unicode.length(); i = unicode.moveIndex32(i, 1)) {
    const auto c = static_cast<char32_t>(unicode.char32At(i));
    if (c < 0x80) {
      ascii += static_cast<char>(c);
    } else if (auto mapped = polish_ascii(c); !mapped.empty()) {
      ascii += mapped;
    } else {
      other_non_ascii = true;
      icu::UnicodeString one(static_cast<UChar32>(c));
      one.toUTF8String(ascii);
    }
  }
  if (other_non_ascii) ascii = to_ascii_with_icu(ascii);
  // Second pass: keep ASCII letters and digits, collapse everything else to one '-'.
  std::string slug;
  bool pending_dash = false;
  for (char c : ascii) {
    const auto u = static_cast<unsigned char>(c);
    const bool alnum = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
    if (!alnum) {
      pending_dash = !slug.empty();
      continue;
    }
    if (pending_dash) {
      if (slug.size() + 1 >= kMaxLength) break;
      slug += '-';
      pending_dash = false;
    }
    if (slug.size() >= kMaxLength) break;
    slug += static_cast<char>(u >= 'A' && u <= 'Z' ? u - 'A' + 'a' : u);
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

// "a,,b" gives {"a", "", "b"}; an empty text gives one empty piece.
std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto pos = text.find(separator, start);
    if (pos == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, pos - start));
    start = pos + 1;
  }
}

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

// Sizes use binary multiples with the customary short names; one decimal
// below 10 ("1,2 MB"), whole numbers above ("12 kB"), as file managers do.
std::string format_size(std::uint64_t bytes, std::string_view lang) {
  // SI units (1 kB = 1000 B), as the labels say and as file managers show them.
  if (bytes < 1000) return std::to_string(bytes) + " B";
  static constexpr std::array<const char*, 6> kUnits = {"kB", "MB", "GB", "TB", "PB", "EB"};
  double value = static_cast<double>(bytes) / 1000.0;
  std::size_t unit = 0;
  while (unit + 1 < kUnits.size() && value >= 999.5) {
    value /= 1000.0;
    ++unit;
  }
  char buffer[32];
  const long tenths = static_cast<long>(value * 10.0 + 0.5);
  if (tenths < 100 && tenths % 10 != 0) {
    std::snprintf(buffer, sizeof buffer, "%ld%c%ld %s", tenths / 10, lang == "pl" ? ',' : '.',
                  tenths % 10, kUnits[unit]);
  } else {
    std::snprintf(buffer, sizeof buffer, "%ld %s", static_cast<long>(value + 0.5), kUnits[unit]);
  }
  return buffer;
}

std::optional<std::int64_t> parse_positive_id(std::string_view text) {
  // from_chars refuses leading spaces and '+', but takes a '-': a minus sign
  // can only give a value <= 0, which is refused below anyway.
  std::int64_t id = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, id);
  if (error != std::errc() || stop != end || id <= 0) return std::nullopt;
  return id;
}

}  // namespace rynek::core
