// Assembles and runs the whole service for `rynek serve`.
#pragma once

#include "core/config.hpp"

namespace rynek::web {

enum class DemoContent { no, load_if_empty };

// Runs until SIGTERM/SIGINT; returns the process exit code.
int serve(const core::Config& config, DemoContent demo);

// Opens the configured database and applies migrations (`rynek migrate`).
int migrate(const core::Config& config);

// `rynek import DIR`
int import_content(const core::Config& config, const std::filesystem::path& dir);

}  // namespace rynek::web
