// Reading settings from a TOML file and from RYNEK_* environment variables.
#include <toml++/toml.h>

#include <algorithm>

#include "core/config.hpp"
#include "core/config_values.hpp"

namespace rynek::core {
namespace {

std::string location(const std::filesystem::path& file, const toml::source_region& where) {
  return file.string() + ":" + std::to_string(where.begin.line);
}

// TOML values may be strings, integers or booleans; all become the text that
// set_setting() parses, so a file can say threads = 4 or threads = "4".
std::optional<std::string> as_text(const toml::node& node) {
  if (const auto* s = node.as_string()) return s->get();
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  if (const auto* b = node.as_boolean()) return std::string(b->get() ? "true" : "false");
  return std::nullopt;
}

}  // namespace

std::vector<std::string> apply_toml_file(Config& config, const std::filesystem::path& file) {
  std::vector<std::string> errors;
  toml::table table;
  try {
    table = toml::parse_file(file.string());
  } catch (const toml::parse_error& error) {
    errors.push_back(location(file, error.source()) + ": " + std::string(error.description()));
    return errors;
  }
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    const std::string where = location(file, node.source()) + ": " + name + ": ";
    const auto text = as_text(node);
    if (!text) {
      const auto& known = settings();
      const bool unknown =
          std::none_of(known.begin(), known.end(), [&](const auto& s) { return s.key == name; });
      errors.push_back(where +
                       (unknown ? "unknown setting" : "expected a string, integer or boolean"));
      continue;
    }
    bool unknown = false;
    if (auto problem = config_detail::set_setting_problem(config, name, *text, unknown)) {
      errors.push_back(where + *problem);
    }
  }
  return errors;
}

std::vector<std::string> apply_environment(
    Config& config, const std::function<const char*(const char*)>& getenv_fn) {
  std::vector<std::string> errors;
  for (const SettingInfo& setting : settings()) {
    const char* value = getenv_fn(setting.env.c_str());
    if (value == nullptr) continue;
    bool unknown = false;
    if (auto problem = config_detail::set_setting_problem(config, setting.key, value, unknown)) {
      errors.push_back(setting.key + " (from " + setting.env + "): " + *problem);
    }
  }
  return errors;
}

}  // namespace rynek::core
