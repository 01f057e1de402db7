// Reads one seminar file into a PreparedSeminar (see seminar_import.hpp).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "events/seminar_import.hpp"

namespace rynek::events::detail {

std::optional<PreparedSeminar> parse_seminar_file(const content::MediaStore& media,
                                                  const std::filesystem::path& file,
                                                  const std::string& default_slug,
                                                  const std::string& source, core::TimePoint now,
                                                  std::vector<std::string>& errors);

}  // namespace rynek::events::detail
