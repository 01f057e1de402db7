// Command-line tools for organisers until the back office exists:
// `rynek registrations list|approve|reject|cancel` and `rynek mail status`.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "core/config.hpp"

namespace rynek::web {

int registrations_list(const core::Config& config, const std::string& seminar_slug,
                       std::ostream& out);
// action: "approve" | "reject" | "cancel"
int registrations_change(const core::Config& config, const std::string& action, std::int64_t id,
                         std::ostream& out);
int mail_status(const core::Config& config, std::ostream& out);

}  // namespace rynek::web
