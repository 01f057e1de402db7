#include "mail/headers.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>

#include "core/email.hpp"
#include "core/text.hpp"

namespace rynek::mail {
namespace {

// Encoded-words are at most 75 characters: "=?UTF-8?B?" + 60 base64 chars + "?="
// leaves 45 bytes of text per word.
constexpr std::size_t kBytesPerWord = 45;
// Plain ASCII longer than this is encoded too, so that it can be folded.
constexpr std::size_t kMaxPlainLength = 900;

bool needs_encoding(std::string_view text) {
  if (text.size() > kMaxPlainLength) return true;
  for (unsigned char c : text) {
    if (c >= 0x80) return true;
  }
  // An ASCII text that looks like an encoded-word would be decoded by readers.
  return text.find("=?") != std::string_view::npos;
}

std::string base64(std::string_view data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < data.size(); i += 3) {
    std::uint32_t n = static_cast<unsigned char>(data[i]) << 16;
    if (i + 1 < data.size()) n |= static_cast<unsigned char>(data[i + 1]) << 8;
    if (i + 2 < data.size()) n |= static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < data.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < data.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

// Length of the UTF-8 sequence starting with byte c (1 for anything unexpected).
std::size_t sequence_length(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

std::string encoded_words(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = start;
    while (end < text.size()) {
      std::size_t next = end + sequence_length(static_cast<unsigned char>(text[end]));
      if (next - start > kBytesPerWord) break;
      end = std::min(next, text.size());
    }
    if (!out.empty()) out += "\r\n ";  // folding: CRLF followed by white space
    out += "=?UTF-8?B?" + base64(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

}  // namespace

std::string clean_header_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (c == '\r' || c == '\n' || c == '\t') {
      out += ' ';
    } else if (c >= 0x20 && c != 0x7F) {
      out += static_cast<char>(c);
    }
  }
  if (!core::is_valid_utf8(out)) {
    for (char& c : out) {
      if (static_cast<unsigned char>(c) >= 0x80) c = '?';
    }
  }
  return std::string(core::trim(out));
}

std::string encode_header_text(std::string_view text) {
  std::string clean = clean_header_text(text);
  return needs_encoding(clean) ? encoded_words(clean) : clean;
}

bool is_valid_address(std::string_view address) {
  return core::is_valid_email(address, core::EmailDomain::any);
}

Mailbox parse_mailbox(std::string_view text) {
  auto open = text.rfind('<');
  auto close = text.rfind('>');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    return {"", std::string(core::trim(text))};
  }
  std::string name(core::trim(text.substr(0, open)));
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
    name = name.substr(1, name.size() - 2);
  }
  return {name, std::string(core::trim(text.substr(open + 1, close - open - 1)))};
}

std::string format_mailbox(std::string_view name, std::string_view address) {
  std::string clean = clean_header_text(name);
  if (clean.empty()) return std::string(address);
  if (needs_encoding(clean)) return encoded_words(clean) + " <" + std::string(address) + ">";
  std::string quoted = "\"";
  for (char c : clean) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\" <" + std::string(address) + ">";
}

std::string format_rfc5322_date(core::TimePoint t) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day date{days};
  const std::chrono::hh_mm_ss time{t - days};
  const std::chrono::weekday weekday{days};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02u %s %d %02d:%02d:%02d +0000",
                kDays[weekday.c_encoding()], static_cast<unsigned>(date.day()),
                kMonths[static_cast<unsigned>(date.month()) - 1], static_cast<int>(date.year()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return buffer;
}

}  // namespace rynek::mail
