#include "core/person_name.hpp"

#include <algorithm>

namespace rynek::core {

std::size_t count_characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool has_control_characters(std::string_view text, Lines lines) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (lines == Lines::multiple && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
    if (text.substr(i, 3) == "\xE2\x80\xA8" || text.substr(i, 3) == "\xE2\x80\xA9") return true;
  }
  return false;
}

PersonNameProblem check_person_name(std::string_view name) {
  if (name.empty()) return PersonNameProblem::empty;
  if (count_characters(name) > kMaxPersonNameLength) return PersonNameProblem::too_long;
  if (has_control_characters(name, Lines::single)) return PersonNameProblem::control_characters;
  return PersonNameProblem::none;
}

}  // namespace rynek::core
