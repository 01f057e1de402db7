// Fuzzes the request-target and query/form decoding of src/http/url.cpp: decode_target(),
// decode_form(), encode_component() and is_local_path(), with the contracts the handlers
// rely on (decoded text is valid UTF-8 without NUL; encoding round-trips).
#include "http/url.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/text.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

bool clean(std::string_view text) {
  return rynek::core::is_valid_utf8(text) && text.find('\0') == std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rynek::http;
  std::string_view input(reinterpret_cast<const char*>(data), size);

  if (auto target = decode_target(input)) {
    require(clean(target->path));
    for (const auto& [key, value] : target->query) require(clean(key) && clean(value));
  }
  if (auto form = decode_form(input)) {
    for (const auto& [key, value] : *form) require(clean(key) && clean(value));
  }
  (void)is_local_path(input);

  auto encoded = encode_component(input);
  for (char c : encoded) {
    require((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '%');
  }
  if (clean(input)) {
    auto round = decode_form("k=" + encoded);
    require(round && round->size() == 1 && (*round)[0].second == input);
  }
  return 0;
}
