// Personal links and form tokens.
//
// A participation token is 128 bits, written as 22 base64url characters. It is
// derived, not stored: token = first 16 bytes of HMAC-SHA256(secret,
// "participation:" + nonce), where the nonce is 128 random bits kept with the
// registration. The database holds the nonce and SHA-256(token) (for lookup),
// never the token, so a copy of the database alone opens no personal link, yet
// every message (confirmation, reminders, promotion) can carry the same link.
// Revoking a link means giving the registration a new nonce.
//
// The secret is 32 random bytes in <data_dir>/secret.key (created with mode 0600
// on first start) or RYNEK_SECRET_KEY (64 hex digits), which several instances
// sharing one database must all be given.
//
// CSRF tokens for anonymous forms use the same secret: token =
// HMAC(secret, "csrf:" + a random value held in an HttpOnly cookie).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace rynek::core {

class Secret {
 public:
  // Reads or creates <data_dir>/secret.key, unless hex_override (64 hex digits) is given.
  // Throws std::runtime_error with a clear message on a malformed key.
  static Secret load_or_create(const std::filesystem::path& data_dir,
                               const std::string& hex_override = "");
  explicit Secret(std::string raw32);

  std::string participation_token(std::string_view nonce) const;  // 22 chars base64url
  std::string csrf_token(std::string_view cookie_value) const;
  bool csrf_token_valid(std::string_view cookie_value, std::string_view token) const;
  // HMAC-SHA256 of message, base64url, for other signed values.
  std::string sign(std::string_view purpose, std::string_view message) const;

 private:
  std::string key_;
};

std::string random_nonce();                      // 32 hex digits (128 bits)
std::string random_token();                      // 22 chars base64url (128 bits)
std::string token_hash(std::string_view token);  // SHA-256, hex
bool looks_like_token(std::string_view text);    // 22 base64url characters
bool constant_time_equals(std::string_view a, std::string_view b);
std::string base64url(std::string_view bytes);

}  // namespace rynek::core
