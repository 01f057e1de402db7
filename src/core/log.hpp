// Logging: spdlog, JSON lines in production ("json" format), readable text for development.
#pragma once

#include <spdlog/spdlog.h>

#include <memory>
#include <string>
#include <string_view>

namespace rynek::core {

// Installs the default spdlog logger on stderr. In "json" format every line is
// {"ts":"...Z","level":"info","msg":"..."}; the message is escaped by the
// formatter, so callers pass plain text (never pre-escaped).
void init_logging(const std::string& format);
// The formatter behind the "json" format, for sinks of one's own (and tests).
std::unique_ptr<spdlog::formatter> make_json_formatter();

// Escapes a value for inclusion inside a JSON string literal.
std::string json_escape(std::string_view text);

// Writes one pre-built JSON line (without the trailing newline) to stdout.
// Thread-safe and cheap: lines are buffered and written by a background
// thread at least every 50 ms.
void access_log(std::string_view json_line);
// Writes out everything access_log() has buffered so far (tests, shutdown).
void flush_access_log();

}  // namespace rynek::core
