// Parsers shared by the configuration sources; internal to src/core.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/config.hpp"

namespace rynek::core::config_detail {

struct HostPort {
  std::string host;  // without brackets for IPv6
  std::uint16_t port = 0;
};

// "127.0.0.1:8080", "[::1]:8080", "localhost:0"; nullopt if malformed.
std::optional<HostPort> parse_host_port(std::string_view text);

// Sets a setting and returns the problem without the key ("expected ...").
std::optional<std::string> set_setting_problem(Config& config, const std::string& key,
                                               const std::string& value, bool& unknown_key);

}  // namespace rynek::core::config_detail
