// `rynek user add|list|set-role`: the command line creates the first admin;
// everything after that is done in the back office (/admin/uzytkownicy).
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "core/config.hpp"

namespace rynek::accounts {

// Reads the password from `in`: prompted without echo when `in` is the terminal
// (asked twice), otherwise the first line of standard input.
int user_add(const core::Config& config, const std::string& email, const std::string& role,
             const std::string& name, std::ostream& out, std::ostream& err);
int user_list(const core::Config& config, std::ostream& out);
int user_set_role(const core::Config& config, const std::string& email, const std::string& role,
                  std::ostream& out, std::ostream& err);

}  // namespace rynek::accounts
