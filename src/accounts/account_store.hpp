// Accounts in the database. Every function takes a connection: reads run on
// Database::read, writes inside a Database::write job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/account.hpp"
#include "core/clock.hpp"
#include "store/database.hpp"

namespace rynek::accounts {

// Trimmed and lower-cased: the form in which addresses are stored and compared.
std::string normalise_email(std::string_view email);
// The one address rule (core/email.hpp, dotted domain): what the mailer will also send to.
bool plausible_email(std::string_view email);

struct StoredAccount {
  Account account;
  std::string password_hash;  // "" when no password was ever set
};

std::optional<StoredAccount> find_account_by_email(store::Connection& db, std::string_view email);
std::optional<Account> find_account(store::Connection& db, std::int64_t id);
std::vector<Account> list_accounts(store::Connection& db);

// Inside a write job. Throws store::DbError(unique_violation) when the address is taken.
std::int64_t create_account(store::Connection& db, std::string_view email, std::string_view name,
                            Role role, std::string_view password_hash, core::TimePoint now);
void set_password_hash(store::Connection& db, std::int64_t account_id,
                       std::string_view password_hash, core::TimePoint now);
void set_role(store::Connection& db, std::int64_t account_id, Role role);
// Deactivating also ends every session of the account.
void set_active(store::Connection& db, std::int64_t account_id, bool active);

// Organisers and their seminars.
std::vector<std::int64_t> organiser_seminars(store::Connection& db, std::int64_t account_id);
bool organises(store::Connection& db, std::int64_t account_id, std::int64_t seminar_id);
struct SeminarChoice {
  std::int64_t id = 0;
  std::string title;
  std::string starts_at;  // ISO-8601 UTC
};
// Every seminar, the latest first, for the assignment form.
std::vector<SeminarChoice> seminar_choices(store::Connection& db);
// Replaces the account's assignments with `seminar_ids`.
void set_organiser_seminars(store::Connection& db, std::int64_t account_id,
                            const std::vector<std::int64_t>& seminar_ids);

}  // namespace rynek::accounts
