// Markdown to HTML with cmark-gfm (tables, autolinks, strikethrough). Raw HTML
// from authors is never passed through and unsafe link schemes (javascript:,
// vbscript:, data: except images) are dropped: articles are written by staff
// today, but the same renderer will show text from the public later.
#pragma once

#include <string>
#include <string_view>

namespace rynek::view {

std::string render_markdown(std::string_view markdown);

// Plain-text excerpt of Markdown (for meta descriptions and feeds), at most max_chars code points.
std::string markdown_to_text(std::string_view markdown, std::size_t max_chars);

}  // namespace rynek::view
