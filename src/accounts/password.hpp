// Passwords: argon2id through libsodium's crypto_pwhash_str, with the
// "interactive" limits (about 70 ms and 64 MiB here). The stored string carries
// its own salt and parameters, so the limits can be raised later and old hashes
// still verify. Hashing is deliberately slow: callers on I/O threads must hand it
// to the work pool (core/work_pool.hpp), never run it inline.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rynek::accounts {

inline constexpr std::size_t kMinPasswordLength = 12;    // bytes of UTF-8
inline constexpr std::size_t kMaxPasswordLength = 1024;  // bounds the work an attacker can ask for

enum class PasswordProblem { too_short, too_long };

// Why a new password is refused, or nullopt when it is acceptable.
std::optional<PasswordProblem> password_problem(std::string_view password);
// The message id (English, translated by the caller) for a problem.
const char* password_problem_text(PasswordProblem problem);

// "$argon2id$v=19$m=65536,t=2,p=1$..." Throws std::runtime_error when out of memory.
std::string hash_password(std::string_view password);
// False for a wrong password, an empty or malformed hash, or an over-long password.
bool verify_password(std::string_view password, std::string_view hash);
// Runs one verification against a fixed hash, so that a login for an unknown
// address takes as long as one for a known address.
void verify_dummy(std::string_view password);

}  // namespace rynek::accounts
