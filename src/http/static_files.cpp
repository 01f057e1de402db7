#include "http/static_files.hpp"

#include <fstream>
#include <sstream>

#include "core/text.hpp"
#include "http/gzip.hpp"

namespace rynek::http {

std::string content_type_for(const std::filesystem::path& path) {
  static const std::map<std::string, std::string, std::less<>> types = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".gif", "image/gif"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".pdf", "application/pdf"},
      {".txt", "text/plain; charset=utf-8"},
      {".xml", "application/xml"},
      {".html", "text/html; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  };
  auto extension = core::to_lower_ascii(path.extension().string());
  auto it = types.find(extension);
  return it == types.end() ? "application/octet-stream" : it->second;
}

StaticFiles::StaticFiles(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) return;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    File file;
    file.content_type = content_type_for(entry.path());
    file.body = std::make_shared<const std::string>(content.str());
    file.hash = core::sha256_hex(*file.body).substr(0, 12);
    if (is_compressible(file.content_type) && file.body->size() >= 256) {
      file.gzip_body = std::make_shared<const std::string>(gzip_compress(*file.body));
    }
    files_.emplace(entry.path().lexically_relative(dir).generic_string(), std::move(file));
  }
}

Response StaticFiles::serve(const Request& request, std::string_view relative) const {
  auto it = files_.find(relative);
  if (it == files_.end()) return Response::text(404, "Not found");
  const File& file = it->second;
  Response response;
  response.quiet = true;
  response.headers.set("Content-Type", file.content_type);
  response.headers.set("ETag", "\"" + file.hash + "\"");
  auto version = request.query_param("v");
  response.headers.set("Cache-Control", version && *version == file.hash
                                            ? "public, max-age=31536000, immutable"
                                            : "public, no-cache");
  if (file.gzip_body && accepts_gzip(request.header("Accept-Encoding"))) {
    response.shared_body = file.gzip_body;
    response.body_is_gzip = true;
  } else {
    response.shared_body = file.body;
  }
  return response;
}

std::string StaticFiles::url(const std::string& relative) const {
  auto it = files_.find(relative);
  if (it == files_.end()) return "/static/" + relative;
  return "/static/" + relative + "?v=" + it->second.hash;
}

}  // namespace rynek::http
