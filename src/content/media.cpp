#include "content/media.hpp"

#include <fcntl.h>
#include <magic.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "core/clock.hpp"
#include "core/text.hpp"

namespace rynek::content {
namespace {

// libmagic cookies are not thread-safe and slow to load: one, behind a mutex.
class Magic {
 public:
  Magic() : cookie_(magic_open(MAGIC_MIME_TYPE)) {
    if (!cookie_ || magic_load(cookie_, nullptr) != 0) {
      throw std::runtime_error("libmagic: cannot load the magic database");
    }
  }
  ~Magic() { magic_close(cookie_); }
  std::string type_of(std::string_view bytes) {
    std::lock_guard lock(mutex_);
    const char* type = magic_buffer(cookie_, bytes.data(), bytes.size());
    return type ? type : "application/octet-stream";
  }

 private:
  magic_t cookie_;
  std::mutex mutex_;
};

void write_durably(const std::filesystem::path& target, std::string_view bytes) {
  auto temporary = target;
  temporary += ".tmp" + std::to_string(::getpid());
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("media: cannot create " + temporary.string());
  std::size_t written = 0;
  while (written < bytes.size()) {
    auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) {
      ::close(fd);
      throw std::runtime_error("media: cannot write " + temporary.string());
    }
    written += static_cast<std::size_t>(n);
  }
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) throw std::runtime_error("media: fsync failed for " + temporary.string());
  std::filesystem::rename(temporary, target);
}

}  // namespace

std::string detect_content_type(std::string_view bytes) {
  static Magic magic;
  std::string type = magic.type_of(bytes);
  // libmagic calls SVG "image/svg" on some versions; browsers need the registered name.
  if (type == "image/svg") type = "image/svg+xml";
  return type;
}

bool is_sha256_hex(std::string_view text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

struct MediaStore::Staged {
  std::mutex mutex;
  std::map<std::string, std::string> files;  // sha256 -> bytes
};

MediaStore::MediaStore(std::filesystem::path data_dir, Mode mode)
    : root_(std::move(data_dir) / "media"), mode_(mode), staged_(std::make_unique<Staged>()) {}

MediaStore::~MediaStore() = default;

std::size_t MediaStore::commit_staged() const {
  std::lock_guard lock(staged_->mutex);
  std::size_t written = 0;
  for (const auto& [sha256, bytes] : staged_->files) {
    auto target = path_for(sha256);
    if (std::filesystem::exists(target)) continue;
    std::filesystem::create_directories(target.parent_path());
    write_durably(target, bytes);
    ++written;
  }
  staged_->files.clear();
  return written;
}

std::filesystem::path MediaStore::path_for(const std::string& sha256) const {
  return root_ / sha256.substr(0, 2) / sha256;
}

StoredMedia MediaStore::store(std::string_view bytes) const {
  StoredMedia media{core::sha256_hex(bytes), detect_content_type(bytes),
                    static_cast<std::int64_t>(bytes.size())};
  if (mode_ == Mode::staged) {
    std::lock_guard lock(staged_->mutex);
    staged_->files.emplace(media.sha256, std::string(bytes));
    return media;
  }
  auto target = path_for(media.sha256);
  if (!std::filesystem::exists(target)) {
    std::filesystem::create_directories(target.parent_path());
    write_durably(target, bytes);
  }
  return media;
}

StoredMedia MediaStore::store_file(const std::filesystem::path& source) const {
  std::ifstream in(source, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + source.string());
  std::ostringstream content;
  content << in.rdbuf();
  return store(content.str());
}

std::optional<std::string> MediaStore::read(const std::string& sha256) const {
  if (!is_sha256_hex(sha256)) return std::nullopt;
  std::ifstream in(path_for(sha256), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void record_media(store::Connection& db, const StoredMedia& media) {
  db.execute(
      "INSERT INTO media (sha256, content_type, size, created_at) VALUES (?, ?, ?, ?)"
      " ON CONFLICT (sha256) DO NOTHING",
      {media.sha256, media.content_type, media.size, core::format_iso8601(core::Clock::now())});
}

std::optional<StoredMedia> find_media(store::Connection& db, const std::string& sha256) {
  if (!is_sha256_hex(sha256)) return std::nullopt;
  auto row =
      db.query_one("SELECT sha256, content_type, size FROM media WHERE sha256 = ?", {sha256});
  if (!row) return std::nullopt;
  return StoredMedia{row->text(0), row->text(1), row->integer(2)};
}

}  // namespace rynek::content
