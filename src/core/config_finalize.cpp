// The last configuration step: check the settings against each other and fill
// in what is derived from them, reporting every problem at once so that an
// operator fixes a broken configuration in one round.
#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <system_error>
#include <thread>

#include "core/config.hpp"
#include "core/config_values.hpp"

namespace rynek::core {
namespace config_detail {

namespace {

bool is_hostname(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
  });
}

bool looks_numeric(std::string_view host) {
  return std::all_of(host.begin(), host.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

}  // namespace

std::optional<HostPort> parse_host_port(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string host(text.substr(0, colon));
  const auto port_text = text.substr(colon + 1);
  unsigned port = 0;
  const auto [end, error] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || port_text.size() > 5 || error != std::errc() ||
      end != port_text.data() + port_text.size() || port > 65535) {
    return std::nullopt;
  }
  unsigned char address[16];
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
    if (inet_pton(AF_INET6, host.c_str(), address) != 1) return std::nullopt;
  } else if (looks_numeric(host)) {
    if (inet_pton(AF_INET, host.c_str(), address) != 1) return std::nullopt;
  } else if (!is_hostname(host)) {
    return std::nullopt;  // also rejects an unbracketed IPv6 address
  }
  return HostPort{host, static_cast<std::uint16_t>(port)};
}

}  // namespace config_detail

std::optional<std::filesystem::path> find_resource_dir(const std::filesystem::path& start) {
  constexpr int kLevels = 4;
  std::error_code ignored;
  std::filesystem::path dir = std::filesystem::absolute(start, ignored);
  for (int level = 0; level <= kLevels && !dir.empty(); ++level) {
    if (std::filesystem::is_directory(dir / "templates", ignored) &&
        std::filesystem::is_directory(dir / "migrations", ignored)) {
      return dir;
    }
    if (dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  return std::nullopt;
}

std::vector<std::string> finalize(Config& config, const std::filesystem::path& executable_dir) {
  std::vector<std::string> errors;
  if (const auto listen = config_detail::parse_host_port(config.listen)) {
    config.listen_host = listen->host;
    config.listen_port = listen->port;
  } else {
    errors.push_back("listen: expected host:port with a port from 0 to 65535, got '" +
                     config.listen + "'");
  }
  if (config.base_url.empty()) config.base_url = "http://" + config.listen;
  while (config.base_url.size() > 1 && config.base_url.back() == '/') config.base_url.pop_back();
  if (!config.base_url.starts_with("http://") && !config.base_url.starts_with("https://")) {
    errors.push_back("base_url: expected a URL starting with http:// or https://, got '" +
                     config.base_url + "'");
  }
  if (config.data_dir.empty()) errors.push_back("data_dir: expected a directory, got ''");
  if (config.database_url.empty())
    config.database_url = "sqlite:" + (config.data_dir / "rynek.sqlite3").string();
  if (!config.smtp_url.empty() && !config.smtp_url.starts_with("smtp://") &&
      !config.smtp_url.starts_with("smtps://")) {
    errors.push_back("smtp_url: expected a URL starting with smtp:// or smtps://, got '" +
                     config.smtp_url + "'");
  }
  if (config.mail_from.find('@') == std::string::npos) {
    errors.push_back("mail_from: expected an e-mail address, got '" + config.mail_from + "'");
  }
  if (config.lang != "pl" && config.lang != "en") {
    errors.push_back("lang: expected pl or en, got '" + config.lang + "'");
  }
  if (config.log_format != "json" && config.log_format != "text") {
    errors.push_back("log_format: expected json or text, got '" + config.log_format + "'");
  }
  if (config.threads == 0) config.threads = std::max(1U, std::thread::hardware_concurrency());
  if (config.resource_dir.empty()) {
    if (auto found = find_resource_dir(executable_dir)) {
      config.resource_dir = *found;
    } else {
      errors.push_back("resource_dir: no directory with templates/ and migrations/ found near '" +
                       executable_dir.string() + "'; set it explicitly");
    }
  } else if (std::error_code ignored;
             !std::filesystem::is_directory(config.resource_dir / "templates", ignored)) {
    errors.push_back("resource_dir: expected a directory containing templates/, got '" +
                     config.resource_dir.string() + "'");
  }
  return errors;
}

}  // namespace rynek::core
