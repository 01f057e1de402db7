#include "accounts/password.hpp"

#include <sodium.h>

#include <stdexcept>

#include "core/i18n.hpp"

namespace rynek::accounts {

std::optional<PasswordProblem> password_problem(std::string_view password) {
  if (password.size() < kMinPasswordLength) return PasswordProblem::too_short;
  if (password.size() > kMaxPasswordLength) return PasswordProblem::too_long;
  return std::nullopt;
}

const char* password_problem_text(PasswordProblem problem) {
  switch (problem) {
    case PasswordProblem::too_short:
      return core::N_("The password must be at least 12 characters long.");
    case PasswordProblem::too_long:
      return core::N_("The password must be at most 1024 characters long.");
  }
  return "";
}

std::string hash_password(std::string_view password) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  return out;
}

bool verify_password(std::string_view password, std::string_view hash) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES || password.size() > kMaxPasswordLength)
    return false;
  if (sodium_init() < 0) return false;
  std::string terminated(hash);  // crypto_pwhash_str_verify wants a C string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void verify_dummy(std::string_view password) {
  // Computed once; verifying against it costs the same as against a real hash.
  static const std::string dummy = hash_password("rynek-dummy-password-for-timing");
  (void)verify_password(password.substr(0, kMaxPasswordLength), dummy);
}

}  // namespace rynek::accounts
