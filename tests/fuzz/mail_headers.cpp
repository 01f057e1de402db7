// Fuzzes the header-safety code of src/mail/headers.cpp and mime.cpp: clean_header_text(),
// encode_header_text() (RFC 2047 words, folding), is_valid_address(), parse_mailbox(),
// format_mailbox() and crlf_lines(). Checks the promises of headers.hpp: no CR/LF except
// the folding "\r\n ", encoded-words of at most 75 characters that never split a UTF-8
// character, and a formatted mailbox that parses back to its address.
// Input: a display name, optionally followed by NUL and an address.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/text.hpp"
#include "mail/headers.hpp"
#include "mail/mime.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

std::string base64_decode(std::string_view text) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') break;
    auto value = kAlphabet.find(c);
    require(value != std::string_view::npos);
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// Every line break is a fold; every encoded-word is short and holds whole characters.
void check_header_value(std::string_view value, bool literal_words) {
  std::size_t start = 0;
  while (true) {
    auto end = value.find("\r\n ", start);
    std::string_view line =
        value.substr(start, end == std::string_view::npos ? value.npos : end - start);
    require(line.find_first_of("\r\n") == std::string_view::npos);
    if (literal_words) line = {};
    for (auto pos = line.find("=?UTF-8?B?"); pos != std::string_view::npos;
         pos = line.find("=?UTF-8?B?", pos + 1)) {
      auto close = line.find("?=", pos + 10);
      require(close != std::string_view::npos);
      require(close + 2 - pos <= 75);
      require(rynek::core::is_valid_utf8(base64_decode(line.substr(pos + 10, close - pos - 10))));
    }
    if (end == std::string_view::npos) break;
    start = end + 3;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rynek::mail;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto nul = input.find('\0');
  std::string_view name = input.substr(0, nul);
  std::string_view address = nul == std::string_view::npos ? input : input.substr(nul + 1);

  // Text that already looks like an encoded-word passes through as it is; the word checks
  // apply to what the encoder made.
  const bool literal_words = input.find("=?") != std::string_view::npos;
  auto clean = clean_header_text(input);
  require(clean.find_first_of("\r\n\t") == std::string::npos);
  require(rynek::core::is_valid_utf8(clean));
  check_header_value(encode_header_text(input), literal_words);

  auto parsed = parse_mailbox(input);
  (void)is_valid_address(parsed.address);
  if (is_valid_address(address)) {
    auto formatted = format_mailbox(name, address);
    check_header_value(formatted, literal_words);
    require(parse_mailbox(formatted).address == address);
  }
  auto lines = crlf_lines(input);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i] == '\n') require(i > 0 && lines[i - 1] == '\r');
  }
  return 0;
}
