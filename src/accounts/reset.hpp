// Password reset and invitation links.
//
// A link's token is derived like a participation token, never stored:
// token = Secret::sign("password-reset", nonce), where the nonce is 128 random
// bits kept in password_resets beside SHA-256(token) for lookup. The outbox row
// names only the reset row ({"reset_id": N}); the mail composer reads the nonce
// and derives the token when it sends. So neither the database nor the outbox
// alone opens an account. A link is single-use and expires (1 h for a reset,
// 72 h for the invitation of a new account); using it sets the password and ends
// every session of the account.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/tokens.hpp"
#include "mail/kind.hpp"
#include "store/database.hpp"

namespace rynek::accounts {

inline constexpr std::chrono::seconds kResetValidity = std::chrono::hours(1);
inline constexpr std::chrono::seconds kInvitationValidity = std::chrono::hours(72);

inline constexpr mail::MailKind kResetMailKind = mail::MailKind::account_password_reset;
inline constexpr mail::MailKind kInvitationMailKind = mail::MailKind::account_invitation;

std::string reset_token(const core::Secret& secret, std::string_view nonce);

// Inside a write job: a new link for the account and its e-mail in the outbox.
// kind is kResetMailKind or kInvitationMailKind. Returns the reset row id.
std::int64_t create_reset(store::Connection& db, const core::Secret& secret,
                          std::int64_t account_id, mail::MailKind kind, std::string_view lang,
                          core::TimePoint now);

struct ResetLink {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string nonce;
};
// A link that is unused and unexpired at `now`, by its token.
std::optional<ResetLink> find_valid_reset(store::Connection& db, std::string_view token,
                                          core::TimePoint now);
// By row id, whatever its state (for the mail composer).
std::optional<ResetLink> find_reset(store::Connection& db, std::int64_t id);

// Inside a write job: checks the link again (it may have been used meanwhile),
// sets the password hash, marks the link used and ends all sessions of the
// account. False when the link is no longer valid.
bool use_reset(store::Connection& db, std::string_view token, std::string_view password_hash,
               core::TimePoint now);

}  // namespace rynek::accounts
