// Organiser accounts: who may use the back office, and in which role.
//
//   admin      users and settings, and everything below
//   editor     articles and seminars
//   organiser  the registrations of the seminars assigned to them
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rynek::accounts {

enum class Role { admin, editor, organiser };

std::string_view role_name(Role role);  // "admin" | "editor" | "organiser"
std::optional<Role> parse_role(std::string_view name);

// Roles are nested: organiser < editor < admin; each may do what the ones below may.
bool at_least(Role role, Role minimum);

struct Account {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  Role role = Role::organiser;
  bool active = true;
  // False for an invited account until its person sets a password: it cannot log in yet.
  bool has_password = true;
};

}  // namespace rynek::accounts
