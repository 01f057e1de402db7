#include "accounts/reset.hpp"

#include "accounts/account_store.hpp"
#include "accounts/lockout.hpp"
#include "accounts/session.hpp"
#include "mail/outbox.hpp"

namespace rynek::accounts {

std::string reset_token(const core::Secret& secret, std::string_view nonce) {
  return secret.sign("password-reset", nonce);
}

std::int64_t create_reset(store::Connection& db, const core::Secret& secret,
                          std::int64_t account_id, mail::MailKind kind, std::string_view lang,
                          core::TimePoint now) {
  auto account = find_account(db, account_id);
  if (!account) throw std::runtime_error("create_reset: no account " + std::to_string(account_id));
  auto validity = kind == kInvitationMailKind ? kInvitationValidity : kResetValidity;
  auto nonce = core::random_nonce();
  db.execute(
      "INSERT INTO password_resets (account_id, nonce, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
      {account_id, nonce, core::token_hash(reset_token(secret, nonce)), core::format_iso8601(now),
       core::format_iso8601(now + validity)});
  auto id = db.last_insert_id();
  mail::NewMessage message;
  message.kind = kind;
  message.to_address = account->email;
  message.to_name = account->name;
  message.lang = std::string(lang);
  message.payload = "{\"reset_id\":" + std::to_string(id) + "}";
  mail::enqueue(db, message, now);
  return id;
}

std::optional<ResetLink> find_valid_reset(store::Connection& db, std::string_view token,
                                          core::TimePoint now) {
  auto row = db.query_one(
      "SELECT r.id, r.account_id, r.nonce FROM password_resets r JOIN accounts a ON a.id = r.account_id"
      " WHERE r.token_hash = ? AND r.used_at IS NULL AND r.expires_at > ? AND a.active = 1",
      {core::token_hash(token), core::format_iso8601(now)});
  if (!row) return std::nullopt;
  return ResetLink{row->integer(0), row->integer(1), row->text(2)};
}

std::optional<ResetLink> find_reset(store::Connection& db, std::int64_t id) {
  auto row = db.query_one("SELECT id, account_id, nonce FROM password_resets WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return ResetLink{row->integer(0), row->integer(1), row->text(2)};
}

bool use_reset(store::Connection& db, std::string_view token, std::string_view password_hash,
               core::TimePoint now) {
  auto link = find_valid_reset(db, token, now);
  if (!link) return false;
  set_password_hash(db, link->account_id, password_hash, now);
  // Every other open link of the account dies with this one.
  db.execute("UPDATE password_resets SET used_at = ? WHERE account_id = ? AND used_at IS NULL",
             {core::format_iso8601(now), link->account_id});
  delete_sessions_of(db, link->account_id);
  clear_failures(db, find_account(db, link->account_id)->email);
  return true;
}

}  // namespace rynek::accounts
