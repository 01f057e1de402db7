// Media files (hero images, attachments) are stored once by their SHA-256 under
// <data>/media/<first two hex digits>/<hash>, and described by a row in `media`.
// The content type always comes from the bytes (libmagic), never from a file name.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "store/database.hpp"

namespace rynek::content {

struct StoredMedia {
  std::string sha256;
  std::string content_type;
  std::int64_t size = 0;
};

std::string detect_content_type(std::string_view bytes);

class MediaStore {
 public:
  // staged: store() and store_file() only describe the files; commit_staged() writes
  // them. Imports use it so that a rejected import leaves no file behind.
  enum class Mode { immediate, staged };
  explicit MediaStore(std::filesystem::path data_dir, Mode mode = Mode::immediate);
  ~MediaStore();
  MediaStore(const MediaStore&) = delete;
  MediaStore& operator=(const MediaStore&) = delete;

  // Writes every staged file (staged mode); returns how many were new.
  std::size_t commit_staged() const;

  // Writes the bytes under their hash (atomically: temporary file, fsync, rename).
  StoredMedia store(std::string_view bytes) const;
  StoredMedia store_file(const std::filesystem::path& source) const;
  std::filesystem::path path_for(const std::string& sha256) const;
  std::filesystem::path root_dir() const { return root_.parent_path(); }  // the data dir
  // Reads a stored file; nullopt when the hash is malformed or unknown.
  std::optional<std::string> read(const std::string& sha256) const;

 private:
  std::filesystem::path root_;
  Mode mode_;
  struct Staged;
  std::unique_ptr<Staged> staged_;
};

// Adds the media row if missing (inside a write job).
void record_media(store::Connection& db, const StoredMedia& media);
std::optional<StoredMedia> find_media(store::Connection& db, const std::string& sha256);

bool is_sha256_hex(std::string_view text);

}  // namespace rynek::content
