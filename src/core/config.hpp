// Configuration: defaults < TOML file < environment < command-line flags.
// Every setting has one key; errors name that key and stop start-up before
// anything listens (see docs/CONFIGURATION in the README).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace rynek::core {

struct Config {
  std::string listen = "127.0.0.1:8080";    // RYNEK_LISTEN
  std::filesystem::path data_dir = "data";  // RYNEK_DATA_DIR
  std::string database_url;                 // RYNEK_DATABASE_URL, default sqlite in data dir
  std::string base_url;                     // RYNEK_BASE_URL, default http://<listen>
  std::string smtp_url;                     // RYNEK_SMTP_URL
  std::string mail_from = "Rynek <no-reply@localhost>";  // RYNEK_MAIL_FROM
  std::string lang = "pl";                               // RYNEK_LANG
  unsigned threads = 0;                                  // RYNEK_THREADS, 0 = one per core
  std::filesystem::path resource_dir;                    // RYNEK_RESOURCE_DIR, default: found
  std::string log_format = "json";                       // RYNEK_LOG_FORMAT: json | text
  bool access_log = true;                                // RYNEK_ACCESS_LOG
  std::size_t max_header_bytes = 16 * 1024;              // RYNEK_MAX_HEADER_BYTES
  std::size_t max_body_bytes = 1024 * 1024;              // RYNEK_MAX_BODY_BYTES (default per route)
  std::chrono::seconds read_timeout{15};                 // RYNEK_READ_TIMEOUT
  std::chrono::seconds idle_timeout{30};                 // RYNEK_IDLE_TIMEOUT
  std::chrono::seconds shutdown_grace{10};               // RYNEK_SHUTDOWN_GRACE
  std::string secret_key;                // RYNEK_SECRET_KEY, default: file in data dir
  bool rate_limits = true;               // RYNEK_RATE_LIMITS
  std::chrono::seconds clock_offset{0};  // RYNEK_CLOCK_OFFSET (tests)

  // Derived, filled by finalize().
  std::string listen_host;
  std::uint16_t listen_port = 0;
};

// One setting as the CLI and --help describe it.
struct SettingInfo {
  std::string key;   // TOML key, e.g. "listen"
  std::string env;   // environment variable, e.g. "RYNEK_LISTEN"
  std::string flag;  // command-line flag, e.g. "--listen"
  std::string help;
};
const std::vector<SettingInfo>& settings();

// Sets one setting from its textual value; returns an error message naming the key, or nothing.
std::optional<std::string> set_setting(Config& config, const std::string& key,
                                       const std::string& value);

// Reads a TOML file; unknown keys and wrong types are errors.
std::vector<std::string> apply_toml_file(Config& config, const std::filesystem::path& file);
// Reads RYNEK_* variables through getenv (injectable for tests).
std::vector<std::string> apply_environment(
    Config& config, const std::function<const char*(const char*)>& getenv_fn);
// Validates and derives listen_host/port, base_url, database_url, resource_dir.
std::vector<std::string> finalize(Config& config, const std::filesystem::path& executable_dir);

// Returns the directory holding templates/, static/, migrations/ and locale/ if found.
std::optional<std::filesystem::path> find_resource_dir(const std::filesystem::path& start);

}  // namespace rynek::core
