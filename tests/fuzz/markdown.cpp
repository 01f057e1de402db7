// Fuzzes the Markdown wrapper of src/view/markdown.cpp (cmark-gfm with Rynek's options and
// post-processing): render_markdown() and markdown_to_text() with a few length limits.
#include "view/markdown.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rynek;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto html = view::render_markdown(input);
  // Raw HTML is never passed through.
  if (html.find("<script") != std::string::npos) std::abort();
  for (std::size_t max : {std::size_t{0}, std::size_t{1}, std::size_t{40}, std::size_t{300}}) {
    auto text = view::markdown_to_text(input, max);
    if (core::is_valid_utf8(input) && !core::is_valid_utf8(text)) std::abort();
  }
  return 0;
}
