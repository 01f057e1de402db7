// The settings table: one row per Config field, giving its key, help text and
// the parser that turns text into the field. The TOML file, the environment and
// the command line all go through set_setting(), so every source accepts the
// same spellings and reports the same errors, each naming its key.
#include "core/config.hpp"

#include <algorithm>
#include <charconv>

#include "core/config_values.hpp"
#include "core/text.hpp"

namespace rynek::core {
namespace {

using Problem = std::optional<std::string>;
using Setter = Problem (*)(Config&, const std::string&);

std::string got(const std::string& value) {
  return ", got '" + value + "'";
}

template <typename Number>
Problem parse_number(const std::string& value, Number minimum, Number maximum, Number& out) {
  std::uint64_t parsed = 0;
  const auto text = trim(value);
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      parsed < static_cast<std::uint64_t>(minimum) ||
      parsed > static_cast<std::uint64_t>(maximum)) {
    return "expected a whole number from " + std::to_string(minimum) + " to " +
           std::to_string(maximum) + got(value);
  }
  out = static_cast<Number>(parsed);
  return std::nullopt;
}

Problem parse_bool(const std::string& value, bool& out) {
  const auto text = to_lower_ascii(trim(value));
  if (text == "true" || text == "1" || text == "yes") {
    out = true;
  } else if (text == "false" || text == "0" || text == "no") {
    out = false;
  } else {
    return "expected true/false, yes/no or 1/0" + got(value);
  }
  return std::nullopt;
}

// "15" and "15s" are seconds; "2m" and "1h" are accepted for convenience.
Problem parse_duration(const std::string& value, std::chrono::seconds& out) {
  auto text = std::string(trim(value));
  std::uint64_t unit = 1;
  if (!text.empty() && (text.back() == 's' || text.back() == 'm' || text.back() == 'h')) {
    unit = text.back() == 's' ? 1 : text.back() == 'm' ? 60 : 3600;
    text.pop_back();
  }
  std::uint64_t count = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
  constexpr std::uint64_t kMaxSeconds = 7 * 24 * 3600;
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      count * unit > kMaxSeconds) {
    return "expected a duration in seconds such as 15 or 15s (at most a week)" + got(value);
  }
  out = std::chrono::seconds(count * unit);
  return std::nullopt;
}

Problem parse_one_of(const std::string& value, std::initializer_list<const char*> choices,
                     std::string& out) {
  for (const char* choice : choices) {
    if (value == choice) {
      out = value;
      return std::nullopt;
    }
  }
  std::string list;
  for (const char* choice : choices) list += (list.empty() ? "" : " or ") + std::string(choice);
  return "expected " + list + got(value);
}

bool starts_with_any(const std::string& value, std::initializer_list<const char*> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const char* p) { return value.starts_with(p); });
}

struct Row {
  const char* key;
  const char* help;
  Setter set;
};

// clang-format off
const Row kRows[] = {
  {"listen", "address to listen on, host:port ([::1]:8080 for IPv6; port 0 picks a free one)",
   [](Config& c, const std::string& v) -> Problem {
     if (!config_detail::parse_host_port(v)) return "expected host:port" + got(v);
     c.listen = v; return std::nullopt; }},
  {"data_dir", "directory for the database, uploads and backups",
   [](Config& c, const std::string& v) -> Problem {
     if (v.empty()) return "expected a directory" + got(v);
     c.data_dir = v; return std::nullopt; }},
  {"database_url", "sqlite:<file> or postgresql://... (default: SQLite file in the data directory)",
   [](Config& c, const std::string& v) -> Problem {
     if (!v.empty() && !starts_with_any(v, {"sqlite:", "postgresql://", "postgres://"}))
       return "expected sqlite:<file> or postgresql://..." + got(v);
     c.database_url = v; return std::nullopt; }},
  {"base_url", "absolute URL of the site, used in e-mails (default: http://<listen>)",
   [](Config& c, const std::string& v) -> Problem {
     if (!v.empty() && !starts_with_any(v, {"http://", "https://"}))
       return "expected a URL starting with http:// or https://" + got(v);
     c.base_url = v; return std::nullopt; }},
  {"smtp_url", "mail server, smtp://host:port or smtps://user:pass@host (empty: no mail is sent)",
   [](Config& c, const std::string& v) -> Problem {
     if (!v.empty() && !starts_with_any(v, {"smtp://", "smtps://"}))
       return "expected a URL starting with smtp:// or smtps://" + got(v);
     c.smtp_url = v; return std::nullopt; }},
  {"mail_from", "sender of outgoing mail, e.g. Rynek <no-reply@example.org>",
   [](Config& c, const std::string& v) -> Problem {
     if (v.find('@') == std::string::npos) return "expected an e-mail address" + got(v);
     c.mail_from = v; return std::nullopt; }},
  {"lang", "default language of the site: pl or en",
   [](Config& c, const std::string& v) -> Problem { return parse_one_of(v, {"pl", "en"}, c.lang); }},
  {"threads", "number of I/O threads (0: one per CPU core)",
   [](Config& c, const std::string& v) -> Problem { return parse_number(v, 0U, 1024U, c.threads); }},
  {"resource_dir", "directory holding templates/, static/, migrations/ and locale/ (default: found near the program)",
   [](Config& c, const std::string& v) -> Problem { c.resource_dir = v; return std::nullopt; }},
  {"log_format", "log format on stderr: json or text",
   [](Config& c, const std::string& v) -> Problem { return parse_one_of(v, {"json", "text"}, c.log_format); }},
  {"access_log", "write one JSON line per request to stdout: true or false",
   [](Config& c, const std::string& v) -> Problem { return parse_bool(v, c.access_log); }},
  {"max_header_bytes", "largest accepted request header, in bytes",
   [](Config& c, const std::string& v) -> Problem {
     return parse_number<std::size_t>(v, 1024, 1024 * 1024, c.max_header_bytes); }},
  {"max_body_bytes", "default largest accepted request body, in bytes",
   [](Config& c, const std::string& v) -> Problem {
     return parse_number<std::size_t>(v, 0, std::size_t{1} << 34, c.max_body_bytes); }},
  {"read_timeout", "seconds to wait for a whole request",
   [](Config& c, const std::string& v) -> Problem { return parse_duration(v, c.read_timeout); }},
  {"idle_timeout", "seconds an idle keep-alive connection stays open",
   [](Config& c, const std::string& v) -> Problem { return parse_duration(v, c.idle_timeout); }},
  {"shutdown_grace", "seconds to let requests finish on shutdown",
   [](Config& c, const std::string& v) -> Problem { return parse_duration(v, c.shutdown_grace); }},
  {"secret_key", "64 hex digits signing personal links and forms (default: <data_dir>/secret.key, created once); instances sharing a database need the same key",
   [](Config& c, const std::string& v) -> Problem {
     if (!v.empty() && (v.size() != 64 || v.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos))
       return "expected 64 hexadecimal digits" + got("...");
     c.secret_key = v; return std::nullopt; }},
  {"rate_limits", "limit requests per client address and per e-mail address on public forms and personal links: true or false (false only for benchmarks)",
   [](Config& c, const std::string& v) -> Problem { return parse_bool(v, c.rate_limits); }},
  {"clock_offset", "shift the clock by this many seconds, e.g. -3600 or 86400 (tests and demonstrations only)",
   [](Config& c, const std::string& v) -> Problem {
     long long seconds = 0;
     const auto text = trim(v);
     const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
     if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
         seconds < -3650LL * 86400 || seconds > 3650LL * 86400)
       return "expected a whole number of seconds (at most ten years either way)" + got(v);
     c.clock_offset = std::chrono::seconds(seconds); return std::nullopt; }},
};
// clang-format on

std::string upper_snake(std::string_view key) {
  std::string out(key);
  for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return out;
}

}  // namespace

const std::vector<SettingInfo>& settings() {
  static const std::vector<SettingInfo> table = [] {
    std::vector<SettingInfo> rows;
    for (const Row& row : kRows) {
      std::string flag = std::string("--") + row.key;
      std::replace(flag.begin(), flag.end(), '_', '-');
      rows.push_back({row.key, "RYNEK_" + upper_snake(row.key), flag, row.help});
    }
    return rows;
  }();
  return table;
}

namespace config_detail {

std::optional<std::string> set_setting_problem(Config& config, const std::string& key,
                                               const std::string& value, bool& unknown_key) {
  for (const Row& row : kRows) {
    if (key == row.key) {
      unknown_key = false;
      return row.set(config, value);
    }
  }
  unknown_key = true;
  return "unknown setting";
}

}  // namespace config_detail

std::optional<std::string> set_setting(Config& config, const std::string& key,
                                       const std::string& value) {
  bool unknown = false;
  if (auto problem = config_detail::set_setting_problem(config, key, value, unknown)) {
    return key + ": " + *problem;
  }
  return std::nullopt;
}

}  // namespace rynek::core
