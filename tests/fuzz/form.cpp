// Fuzzes form decoding as the web handlers use it: http::decode_form() on an
// application/x-www-form-urlencoded body, then web::form_value() (src/web/forms.cpp) for
// the keys the pages read, including keys taken from the body itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/url.hpp"
#include "web/forms.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto form = rynek::http::decode_form(body);
  if (!form) return 0;
  for (auto key : {"csrf", "name", "email", "title", "body", "slug", ""}) {
    (void)rynek::web::form_value(*form, key);
  }
  for (const auto& [key, value] : *form) {
    // The first value of a key is what form_value() returns.
    auto found = rynek::web::form_value(*form, key);
    for (const auto& [k, v] : *form) {
      if (k == key) {
        if (found != v) std::abort();
        break;
      }
    }
    (void)value;
  }
  return 0;
}
