#pragma once

#include <string>
#include <string_view>

namespace rynek::http {

std::string gzip_compress(std::string_view data);
// For tests: inflates a gzip stream; throws on corrupt input.
std::string gzip_decompress(std::string_view data);

// Content types worth compressing (text, JSON, XML, JS, SVG).
bool is_compressible(std::string_view content_type);
// True when Accept-Encoding allows gzip (and does not give it q=0).
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace rynek::http
