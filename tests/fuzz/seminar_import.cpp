// Fuzzes seminar import (src/events/seminar_parser.cpp, import_time.cpp): the input is a
// seminar's index.md — front matter with the seminar's TOML (dates and Warsaw times, agenda,
// speakers, form fields, consents, materials) and the Markdown description — parsed by
// parse_seminar_file() at a fixed "now". Files are only described (staged media store);
// "program.pdf" and "program-seminarium.pdf" exist for materials (the seeds name them).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content/media.hpp"
#include "events/seminar_parser.hpp"
#include "fuzz_files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rynek;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  static const auto file = [] {
    auto dir = fuzz::scratch_dir() / "seminars" / "seminarium";
    std::filesystem::create_directories(dir);
    fuzz::write_file(dir / "program.pdf", "%PDF-1.4\n%%EOF\n");
    fuzz::write_file(dir / "program-seminarium.pdf", "%PDF-1.4\n%%EOF\n");
    return dir / "index.md";
  }();
  // A fresh store per run: staged files would pile up in memory across runs.
  const content::MediaStore media(fuzz::scratch_dir() / "data", content::MediaStore::Mode::staged);
  fuzz::write_file(file, input);
  // 2026-03-01T00:00:00Z: the seminars of the seeds lie after it.
  const core::TimePoint now{std::chrono::seconds(1772323200)};
  std::vector<std::string> errors;
  (void)events::detail::parse_seminar_file(media, file, "seminarium",
                                           "seminars/seminarium/index.md", now, errors);
  return 0;
}
