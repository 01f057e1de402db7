// A fresh folder per test, removed afterwards, for real SQLite files.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

namespace rynek::store::test {

class TempDir {
 public:
  // The folder is "<temp>/<prefix>-XXXXXX": mkdtemp makes it unique, so tests
  // run side by side (ctest -j) never share one.
  explicit TempDir(const std::string& prefix = "rynek-store") {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed: " + pattern);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline std::string source_migrations() {
  return (std::filesystem::path(RYNEK_SOURCE_DIR) / "migrations" / "sqlite").string();
}

}  // namespace rynek::store::test
