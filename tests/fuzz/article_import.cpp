// Fuzzes article import (src/content/import.cpp): split_front_matter() on the input, then
// prepare_articles() on a folder holding the input as articles/<slug>.md — UTF-8 check,
// TOML front matter (toml++), slugs, dates, tags, hero and attachment references. Files are
// only described (staged media store), never written; "program.txt" and
// "program-seminarium.pdf" exist for attachments (the seeds name them).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content/import.hpp"
#include "content/media.hpp"
#include "fuzz_files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rynek;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)content::split_front_matter(input);

  static const auto dir = [] {
    auto articles = fuzz::scratch_dir() / "site" / "articles";
    std::filesystem::create_directories(articles);
    fuzz::write_file(articles / "program.txt", "Program seminarium\n");
    fuzz::write_file(articles / "program-seminarium.pdf", "%PDF-1.4\n%%EOF\n");
    return fuzz::scratch_dir() / "site";
  }();
  // A fresh store per run: staged files would pile up in memory across runs.
  const content::MediaStore media(fuzz::scratch_dir() / "data", content::MediaStore::Mode::staged);
  fuzz::write_file(dir / "articles" / "artykul.md", input);
  std::vector<std::string> errors;
  (void)content::prepare_articles(media, dir, errors);
  return 0;
}
