// Reads one seminar file into a PreparedSeminar (see seminar_import.hpp): the
// file's syntax here, the rules by events::check_seminar. A refused file adds one
// message to `errors`; when the refusal comes from the rules, `problems` (if
// given) receives what they found, typed.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "events/seminar_import.hpp"
#include "events/seminar_rules.hpp"

namespace rynek::events::detail {

std::optional<PreparedSeminar> parse_seminar_file(const content::MediaStore& media,
                                                  const std::filesystem::path& file,
                                                  const std::string& default_slug,
                                                  const std::string& source, core::TimePoint now,
                                                  std::vector<std::string>& errors,
                                                  std::vector<SeminarProblem>* problems = nullptr);

// A problem the rules found, in the words of the import's messages (English,
// naming the file's keys; the caller puts the file name in front).
std::string import_problem_text(const SeminarProblem& problem, const Seminar& seminar);

}  // namespace rynek::events::detail
