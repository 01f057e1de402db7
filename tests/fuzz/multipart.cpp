// Fuzzes src/http/multipart.cpp: multipart_boundary(), parse_multipart() with small limits
// (so the limit paths are reached), file_base_name() on every file name and Multipart::fields().
// Input: the Content-Type header, a newline, then the body.
#include "http/multipart.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "core/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rynek::http;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto newline = input.find('\n');
  std::string_view content_type = input.substr(0, newline);
  std::string_view body =
      newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

  (void)multipart_boundary(content_type);
  (void)multipart_boundary(input);
  for (const MultipartLimits& limits : {MultipartLimits{}, MultipartLimits{3, 64}}) {
    auto result = parse_multipart(content_type, body, limits);
    if (auto* error = std::get_if<MultipartError>(&result)) {
      (void)multipart_error_name(*error);
      continue;
    }
    const auto& multipart = std::get<Multipart>(result);
    if (multipart.parts.size() > limits.max_parts) std::abort();
    for (const auto& part : multipart.parts) {
      if (!rynek::core::is_valid_utf8(part.name)) std::abort();
      if (part.filename) (void)file_base_name(*part.filename);
      (void)multipart.find(part.name);
    }
    (void)multipart.fields();
  }
  (void)file_base_name(input);
  return 0;
}
