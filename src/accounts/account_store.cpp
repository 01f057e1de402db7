#include "accounts/account_store.hpp"

#include <algorithm>

#include "core/email.hpp"

namespace rynek::accounts {
namespace {

constexpr std::string_view kSelect =
    "SELECT id, email, name, role, active, password_hash FROM accounts";

StoredAccount from_row(const store::Row& row) {
  StoredAccount stored;
  stored.account.id = row.integer(0);
  stored.account.email = row.text(1);
  stored.account.name = row.text(2);
  stored.account.role = parse_role(row.text(3)).value_or(Role::organiser);
  stored.account.active = row.integer(4) != 0;
  stored.password_hash = row.text(5);
  stored.account.has_password = !stored.password_hash.empty();
  return stored;
}

}  // namespace

std::string normalise_email(std::string_view email) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!email.empty() && is_space(email.front())) email.remove_prefix(1);
  while (!email.empty() && is_space(email.back())) email.remove_suffix(1);
  std::string out(email);
  // ASCII only: the domain is case-insensitive and local parts are in practice;
  // non-ASCII bytes are left alone rather than guessed at.
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool plausible_email(std::string_view email) {
  return core::is_valid_email(email, core::EmailDomain::dotted);
}

std::optional<StoredAccount> find_account_by_email(store::Connection& db, std::string_view email) {
  auto row = db.query_one(std::string(kSelect) + " WHERE email = ?", {normalise_email(email)});
  if (!row) return std::nullopt;
  return from_row(*row);
}

std::optional<Account> find_account(store::Connection& db, std::int64_t id) {
  auto row = db.query_one(std::string(kSelect) + " WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return from_row(*row).account;
}

std::vector<Account> list_accounts(store::Connection& db) {
  std::vector<Account> accounts;
  for (const auto& row : db.query(std::string(kSelect) + " ORDER BY active DESC, name, email")) {
    accounts.push_back(from_row(row).account);
  }
  return accounts;
}

std::int64_t create_account(store::Connection& db, std::string_view email, std::string_view name,
                            Role role, std::string_view password_hash, core::TimePoint now) {
  const auto at = core::format_iso8601(now);
  db.execute(
      "INSERT INTO accounts (email, name, role, password_hash, active, created_at, password_changed_at)"
      " VALUES (?, ?, ?, ?, 1, ?, ?)",
      {normalise_email(email), std::string(name), std::string(role_name(role)),
       std::string(password_hash), at,
       password_hash.empty() ? store::Value(nullptr) : store::Value(at)});
  return db.last_insert_id();
}

void set_password_hash(store::Connection& db, std::int64_t account_id,
                       std::string_view password_hash, core::TimePoint now) {
  db.execute("UPDATE accounts SET password_hash = ?, password_changed_at = ? WHERE id = ?",
             {std::string(password_hash), core::format_iso8601(now), account_id});
}

void set_role(store::Connection& db, std::int64_t account_id, Role role) {
  db.execute("UPDATE accounts SET role = ? WHERE id = ?",
             {std::string(role_name(role)), account_id});
}

void set_active(store::Connection& db, std::int64_t account_id, bool active) {
  db.execute("UPDATE accounts SET active = ? WHERE id = ?",
             {std::int64_t{active ? 1 : 0}, account_id});
  if (!active) db.execute("DELETE FROM sessions WHERE account_id = ?", {account_id});
}

std::vector<std::int64_t> organiser_seminars(store::Connection& db, std::int64_t account_id) {
  std::vector<std::int64_t> ids;
  for (const auto& row : db.query(
           "SELECT seminar_id FROM seminar_organisers WHERE account_id = ? ORDER BY seminar_id",
           {account_id})) {
    ids.push_back(row.integer(0));
  }
  return ids;
}

bool organises(store::Connection& db, std::int64_t account_id, std::int64_t seminar_id) {
  return db
      .query_one("SELECT 1 FROM seminar_organisers WHERE account_id = ? AND seminar_id = ?",
                 {account_id, seminar_id})
      .has_value();
}

std::vector<SeminarChoice> seminar_choices(store::Connection& db) {
  std::vector<SeminarChoice> choices;
  for (const auto& row :
       db.query("SELECT id, title, starts_at FROM seminars ORDER BY starts_at DESC, id DESC")) {
    choices.push_back({row.integer(0), row.text(1), row.text(2)});
  }
  return choices;
}

void set_organiser_seminars(store::Connection& db, std::int64_t account_id,
                            const std::vector<std::int64_t>& seminar_ids) {
  db.execute("DELETE FROM seminar_organisers WHERE account_id = ?", {account_id});
  for (auto seminar_id : seminar_ids) {
    // Ids of seminars that do not exist (or no longer do) are skipped, not an error.
    db.execute(
        "INSERT INTO seminar_organisers (seminar_id, account_id) SELECT id, ? FROM seminars WHERE id = ?"
        " ON CONFLICT DO NOTHING",
        {account_id, seminar_id});
  }
}

}  // namespace rynek::accounts
