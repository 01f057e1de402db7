#include "accounts/account.hpp"

namespace rynek::accounts {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::admin:
      return "admin";
    case Role::editor:
      return "editor";
    case Role::organiser:
      return "organiser";
  }
  return "organiser";
}

std::optional<Role> parse_role(std::string_view name) {
  if (name == "admin") return Role::admin;
  if (name == "editor") return Role::editor;
  if (name == "organiser") return Role::organiser;
  return std::nullopt;
}

bool at_least(Role role, Role minimum) {
  auto rank = [](Role r) {
    switch (r) {
      case Role::organiser:
        return 0;
      case Role::editor:
        return 1;
      case Role::admin:
        return 2;
    }
    return 0;
  };
  return rank(role) >= rank(minimum);
}

}  // namespace rynek::accounts
