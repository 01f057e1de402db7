// Fuzzes the text helpers of src/core/text.cpp that every parser stands on: UTF-8 validation,
// slugify()/is_slug(), trim(), split(), parse_positive_id(), html_escape(), to_lower_ascii().
#include "core/text.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rynek::core;
  std::string_view input(reinterpret_cast<const char*>(data), size);

  bool utf8 = is_valid_utf8(input);
  auto slug = slugify(input);
  // A non-empty slug made by slugify() is always a valid slug (article and seminar imports rely on
  // it).
  if (!slug.empty() && !is_slug(slug)) std::abort();
  (void)is_slug(input);
  auto escaped = html_escape(input);
  if (escaped.find_first_of("<>\"'") != std::string::npos) std::abort();
  if (utf8 && !is_valid_utf8(escaped)) std::abort();
  (void)to_lower_ascii(input);
  auto trimmed = trim(input);
  if (trimmed.size() > input.size()) std::abort();
  for (char separator : {',', ';', '\n'}) (void)split(input, separator);
  if (auto id = parse_positive_id(input)) {
    if (*id <= 0) std::abort();
  }
  return 0;
}
