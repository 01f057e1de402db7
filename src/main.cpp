// rynek: the command line. serve | migrate | import — see `rynek --help`.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>

#include "accounts/user_cli.hpp"
#include "core/config.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "web/admin_cli.hpp"
#include "web/serve.hpp"

namespace {

std::filesystem::path executable_dir() {
  std::error_code error;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::current_path() : exe.parent_path();
}

// Adds every setting as a flag to a subcommand; values given are collected in `given`.
void add_setting_flags(CLI::App& command, std::map<std::string, std::string>& given) {
  for (const auto& setting : rynek::core::settings()) {
    command.add_option(setting.flag, given[setting.key],
                       setting.help + " [env " + setting.env + "]");
  }
  command.add_option("--config", given["config"], "TOML configuration file [env RYNEK_CONFIG]");
}

// defaults < TOML file < environment < flags; prints every error and returns false on any.
bool load_config(rynek::core::Config& config, const std::map<std::string, std::string>& given) {
  std::vector<std::string> errors;
  std::string file = given.at("config");
  if (file.empty() && std::getenv("RYNEK_CONFIG")) file = std::getenv("RYNEK_CONFIG");
  if (!file.empty()) {
    auto found = rynek::core::apply_toml_file(config, file);
    errors.insert(errors.end(), found.begin(), found.end());
  }
  auto found =
      rynek::core::apply_environment(config, [](const char* name) { return std::getenv(name); });
  errors.insert(errors.end(), found.begin(), found.end());
  for (const auto& [key, value] : given) {
    if (key == "config" || value.empty()) continue;
    if (auto error = rynek::core::set_setting(config, key, value)) errors.push_back(*error);
  }
  if (errors.empty()) {
    found = rynek::core::finalize(config, executable_dir());
    errors.insert(errors.end(), found.begin(), found.end());
  }
  for (const auto& error : errors) std::cerr << "rynek: configuration error: " << error << "\n";
  return errors.empty();
}

void init_catalogs(const rynek::core::Config& config) {
  auto exe_dir = executable_dir();
  // Built catalogs sit beside the binary (build/locale); installed ones under the resources.
  for (const auto& dir : {exe_dir / "locale", config.resource_dir / "locale"}) {
    if (std::filesystem::exists(dir / "pl" / "LC_MESSAGES" / "rynek.mo")) {
      rynek::core::init_i18n(dir);
      return;
    }
  }
  spdlog::warn("no message catalogs found; pages will be in English");
  rynek::core::init_i18n(exe_dir / "locale");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Rynek — news, seminars and city knowledge for a network of cities"};
  cli.require_subcommand(1);

  std::map<std::string, std::string> serve_flags, migrate_flags, import_flags;
  bool demo = false;
  auto* serve = cli.add_subcommand("serve", "Serve the site (applies migrations first)");
  add_setting_flags(*serve, serve_flags);
  serve->add_flag("--demo", demo, "Load the demo content into an empty database");

  auto* migrate = cli.add_subcommand("migrate", "Apply database migrations and exit");
  add_setting_flags(*migrate, migrate_flags);

  std::string import_dir;
  auto* import = cli.add_subcommand("import", "Import articles and their files from a folder");
  import->add_option("DIR", import_dir, "Folder with articles/ (see docs/CONTENT.md)")->required();
  add_setting_flags(*import, import_flags);

  std::map<std::string, std::string> registrations_flags, mail_flags;
  auto* registrations = cli.add_subcommand(
      "registrations", "List registrations of a seminar, approve, reject or cancel one");
  registrations->require_subcommand(1);
  registrations
      ->fallthrough();  // settings may follow the action: registrations list SLUG --data-dir D
  add_setting_flags(*registrations, registrations_flags);
  std::string seminar_slug;
  auto* list = registrations->add_subcommand("list", "List the registrations of a seminar");
  list->add_option("SEMINAR", seminar_slug, "The seminar's slug")->required();
  std::int64_t registration_id = 0;
  std::string action;
  for (const char* name : {"approve", "reject", "cancel"}) {
    auto* change = registrations->add_subcommand(
        name, std::string(name) + " a registration (the person gets an e-mail)");
    change->add_option("ID", registration_id, "Registration id (see 'list')")->required();
    change->callback([&action, name] { action = name; });
  }
  auto* mail = cli.add_subcommand("mail", "Mail queue");
  mail->require_subcommand(1);
  mail->fallthrough();
  add_setting_flags(*mail, mail_flags);
  auto* mail_status =
      mail->add_subcommand("status", "Show how many messages are queued, sent and failed");

  // rynek user add EMAIL --role ROLE [--name NAME] | list | set-role EMAIL ROLE
  std::map<std::string, std::string> user_flags;
  std::string user_email, user_role, user_name;
  auto* user = cli.add_subcommand("user", "Back-office accounts: add, list, set-role");
  user->require_subcommand(1);
  user->fallthrough();
  add_setting_flags(*user, user_flags);
  auto* user_add =
      user->add_subcommand("add", "Create an account (password from standard input, or prompted)");
  user_add->add_option("EMAIL", user_email, "E-mail address (the login)")->required();
  user_add->add_option("--role", user_role, "admin | editor | organiser")->required();
  user_add->add_option("--name", user_name, "Name shown in the back office");
  auto* user_list = user->add_subcommand("list", "List the accounts");
  auto* user_set_role = user->add_subcommand("set-role", "Change the role of an account");
  user_set_role->add_option("EMAIL", user_email, "E-mail address")->required();
  user_set_role->add_option("ROLE", user_role, "admin | editor | organiser")->required();

  cli.add_subcommand("version", "Print the version")->callback([] {
    std::cout << "rynek 0.1.0\n";
  });

  CLI11_PARSE(cli, argc, argv);

  rynek::core::Config config;
  auto run = [&](const std::map<std::string, std::string>& flags, auto&& action) -> int {
    if (!load_config(config, flags)) return 2;
    rynek::core::init_logging(config.log_format);
    rynek::core::Clock::set_offset(config.clock_offset);
    init_catalogs(config);
    try {
      return action();
    } catch (const std::exception& e) {
      spdlog::critical("{}", e.what());
      return 1;
    }
  };
  if (serve->parsed()) {
    return run(serve_flags, [&] {
      return rynek::web::serve(
          config, demo ? rynek::web::DemoContent::load_if_empty : rynek::web::DemoContent::no);
    });
  }
  if (migrate->parsed()) return run(migrate_flags, [&] { return rynek::web::migrate(config); });
  if (import->parsed())
    return run(import_flags, [&] { return rynek::web::import_content(config, import_dir); });
  if (list->parsed()) {
    return run(registrations_flags,
               [&] { return rynek::web::registrations_list(config, seminar_slug, std::cout); });
  }
  if (registrations->parsed()) {
    return run(registrations_flags, [&] {
      return rynek::web::registrations_change(config, action, registration_id, std::cout);
    });
  }
  if (user_add->parsed()) {
    return run(user_flags, [&] {
      return rynek::accounts::user_add(config, user_email, user_role, user_name, std::cout,
                                       std::cerr);
    });
  }
  if (user_list->parsed())
    return run(user_flags, [&] { return rynek::accounts::user_list(config, std::cout); });
  if (user_set_role->parsed()) {
    return run(user_flags, [&] {
      return rynek::accounts::user_set_role(config, user_email, user_role, std::cout, std::cerr);
    });
  }
  if (mail_status->parsed())
    return run(mail_flags, [&] { return rynek::web::mail_status(config, std::cout); });
  return 0;
}
