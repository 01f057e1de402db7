// The one rule for a person's (or account's) name, shared by the public
// registration form (events/form) and the back office's account form and `user add`
// command: required, at most 200 characters (code points), one line without control
// characters — no CR/LF that could reach a mail header or a CSV export, no C0/C1
// controls, DEL or Unicode line/paragraph separators.
#pragma once

#include <cstddef>
#include <string_view>

namespace rynek::core {

inline constexpr std::size_t kMaxPersonNameLength = 200;

enum class PersonNameProblem { none, empty, too_long, control_characters };

// The name as it will be stored (already trimmed by the caller).
PersonNameProblem check_person_name(std::string_view name);

// UTF-8 code points in the text (continuation bytes not counted).
std::size_t count_characters(std::string_view text);

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
// Multi-line text may keep tabs and line breaks.
enum class Lines { single, multiple };
bool has_control_characters(std::string_view text, Lines lines);

}  // namespace rynek::core
