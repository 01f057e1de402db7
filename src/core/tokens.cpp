#include "core/tokens.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/text.hpp"

namespace rynek::core {
namespace {

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

std::string hmac(const std::string& key, std::string_view message) {
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, out);
  return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

std::string random_bytes(std::size_t n) {
  ensure_sodium();
  std::string bytes(n, '\0');
  randombytes_buf(bytes.data(), n);
  return bytes;
}

std::optional<std::string> from_hex(std::string_view hex) {
  std::string raw(hex.size() / 2, '\0');
  std::size_t length = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), hex.data(),
                     hex.size(), nullptr, &length, nullptr) != 0 ||
      length != raw.size() || hex.size() % 2 != 0) {
    return std::nullopt;
  }
  return raw;
}

std::string to_hex(std::string_view bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  hex.pop_back();
  return hex;
}

}  // namespace

std::string base64url(std::string_view bytes) {
  ensure_sodium();
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), variant);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

Secret::Secret(std::string raw32) : key_(std::move(raw32)) {
  ensure_sodium();
  if (key_.size() != 32) throw std::runtime_error("secret key: expected 32 bytes");
}

Secret Secret::load_or_create(const std::filesystem::path& data_dir,
                              const std::string& hex_override) {
  if (!hex_override.empty()) {
    auto raw = from_hex(hex_override);
    if (!raw || raw->size() != 32) {
      throw std::runtime_error("secret_key: expected 64 hexadecimal digits (32 random bytes)");
    }
    return Secret(*raw);
  }
  auto path = data_dir / "secret.key";
  if (std::filesystem::exists(path)) {
    std::ifstream in(path);
    std::string hex;
    in >> hex;
    auto raw = from_hex(hex);
    if (!raw || raw->size() != 32) {
      throw std::runtime_error(path.string() + ": expected 64 hexadecimal digits");
    }
    return Secret(*raw);
  }
  std::filesystem::create_directories(data_dir);
  std::string raw = random_bytes(32);
  auto temporary = path;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << to_hex(raw) << "\n";
    if (!out) throw std::runtime_error("cannot write " + temporary.string());
  }
  ::chmod(temporary.c_str(), 0600);
  std::filesystem::rename(temporary, path);
  return Secret(raw);
}

std::string Secret::participation_token(std::string_view nonce) const {
  std::string message = "participation:";
  message += nonce;
  return base64url(hmac(key_, message).substr(0, 16));
}

std::string Secret::csrf_token(std::string_view cookie_value) const {
  std::string message = "csrf:";
  message += cookie_value;
  return base64url(hmac(key_, message));
}

bool Secret::csrf_token_valid(std::string_view cookie_value, std::string_view token) const {
  if (cookie_value.empty() || token.empty()) return false;
  return constant_time_equals(csrf_token(cookie_value), token);
}

std::string Secret::sign(std::string_view purpose, std::string_view message) const {
  std::string text(purpose);
  text += ':';
  text += message;
  return base64url(hmac(key_, text));
}

std::string random_nonce() {
  return to_hex(random_bytes(16));
}

std::string random_token() {
  return base64url(random_bytes(16));
}

std::string token_hash(std::string_view token) {
  return sha256_hex(token);
}

bool looks_like_token(std::string_view text) {
  return text.size() == 22 &&
         text.find_first_not_of(
             "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
             std::string_view::npos;
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace rynek::core
