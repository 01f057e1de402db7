// Static assets from <resources>/static, read into memory once at start-up.
//
// Requests are answered from that in-memory index only, never by opening a path
// built from the URL, so no encoding of ".." can reach a file outside static/.
// Each file has an ETag (content hash); a URL that carries the current hash as
// ?v=<hash> is cached for a year ("immutable"), any other URL revalidates.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "http/message.hpp"

namespace rynek::http {

class StaticFiles {
 public:
  explicit StaticFiles(const std::filesystem::path& dir);

  // `relative` is the decoded path below /static/ (e.g. "css/site.css").
  Response serve(const Request& request, std::string_view relative) const;
  // "/static/css/site.css?v=3f2a9c1d04" for use in pages; the plain path if unknown.
  std::string url(const std::string& relative) const;
  std::size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::shared_ptr<const std::string> body;
    std::shared_ptr<const std::string> gzip_body;  // null when not worth it
    std::string hash;                              // short content hash
  };
  std::map<std::string, File, std::less<>> files_;
};

std::string content_type_for(const std::filesystem::path& path);

}  // namespace rynek::http
