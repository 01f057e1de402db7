#include "accounts/user_cli.hpp"

#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "accounts/account_store.hpp"
#include "accounts/audit.hpp"
#include "accounts/password.hpp"
#include "core/person_name.hpp"
#include "store/database.hpp"

namespace rynek::accounts {
namespace {

std::unique_ptr<store::Database> open_store(const core::Config& config) {
  store::OpenOptions options;
  options.url = config.database_url;
  options.migrations_dir = (config.resource_dir / "migrations" / "sqlite").string();
  std::filesystem::create_directories(config.data_dir);
  auto db = store::open_database(options);
  db->migrate();
  return db;
}

// One line from the terminal with echo turned off.
std::string prompt_hidden(const char* prompt, std::ostream& err) {
  err << prompt << std::flush;
  termios old_mode{};
  bool restore = ::tcgetattr(STDIN_FILENO, &old_mode) == 0;
  if (restore) {
    termios silent = old_mode;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
  }
  std::string line;
  std::getline(std::cin, line);
  if (restore) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old_mode);
  err << "\n";
  return line;
}

std::optional<std::string> read_password(std::ostream& err) {
  if (::isatty(STDIN_FILENO)) {
    auto first = prompt_hidden("Password: ", err);
    auto second = prompt_hidden("Repeat the password: ", err);
    if (first != second) {
      err << "user add: the passwords differ\n";
      return std::nullopt;
    }
    return first;
  }
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

int user_add(const core::Config& config, const std::string& email, const std::string& role_text,
             const std::string& name, std::ostream& out, std::ostream& err) {
  auto role = parse_role(role_text);
  if (!role) {
    err << "user add: unknown role '" << role_text << "' (admin, editor or organiser)\n";
    return 2;
  }
  auto address = normalise_email(email);
  if (!plausible_email(address)) {
    err << "user add: '" << email << "' is not an e-mail address\n";
    return 2;
  }
  if (!name.empty() && core::check_person_name(name) != core::PersonNameProblem::none) {
    err << "user add: the name must be one line of at most 200 characters without control "
           "characters\n";
    return 2;
  }
  auto password = read_password(err);
  if (!password) return 2;
  if (auto problem = password_problem(*password)) {
    err << "user add: " << password_problem_text(*problem) << "\n";
    return 2;
  }
  auto display_name = name.empty() ? address.substr(0, address.find('@')) : name;
  auto hash = hash_password(*password);
  auto db = open_store(config);
  std::int64_t id = 0;
  try {
    db->write_and_wait([&](store::Connection& c) {
      auto now = core::Clock::now();
      id = create_account(c, address, display_name, *role, hash, now);
      // The summary is the address alone: the page already says "System or command line",
      // in the reader's language, for entries without an account.
      record_audit(c, std::nullopt, "account.create", "account", id, address,
                   "{\"role\":\"" + std::string(role_name(*role)) + "\"}", now);
    });
  } catch (const store::DbError& e) {
    if (e.code() != store::DbErrc::unique_violation) throw;
    err << "user add: an account with the address " << address << " already exists\n";
    db->close();
    return 1;
  }
  db->close();
  out << "created account " << id << ": " << address << " (" << role_name(*role) << ")\n";
  return 0;
}

int user_list(const core::Config& config, std::ostream& out) {
  auto db = open_store(config);
  auto accounts = db->read([](store::Connection& c) { return list_accounts(c); });
  db->close();
  for (const auto& account : accounts) {
    out << account.id << "\t" << account.email << "\t" << role_name(account.role) << "\t"
        << (account.active ? "active" : "inactive") << "\t" << account.name << "\n";
  }
  return 0;
}

int user_set_role(const core::Config& config, const std::string& email,
                  const std::string& role_text, std::ostream& out, std::ostream& err) {
  auto role = parse_role(role_text);
  if (!role) {
    err << "user set-role: unknown role '" << role_text << "' (admin, editor or organiser)\n";
    return 2;
  }
  auto db = open_store(config);
  bool found = false;
  db->write_and_wait([&](store::Connection& c) {
    auto stored = find_account_by_email(c, email);
    found = stored.has_value();
    if (!found) return;
    set_role(c, stored->account.id, *role);
    record_audit(c, std::nullopt, "account.role", "account", stored->account.id,
                 stored->account.email,
                 "{\"role\":{\"from\":\"" + std::string(role_name(stored->account.role)) +
                     "\",\"to\":\"" + std::string(role_name(*role)) + "\"}}",
                 core::Clock::now());
  });
  db->close();
  if (!found) {
    err << "user set-role: no account with the address " << email << "\n";
    return 1;
  }
  out << email << " is now " << role_name(*role) << "\n";
  return 0;
}

}  // namespace rynek::accounts
