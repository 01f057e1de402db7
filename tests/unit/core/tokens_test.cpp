#include "core/tokens.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <set>

namespace rynek::core {
namespace {

Secret test_secret() {
  return Secret(std::string(32, 'k'));
}

TEST(Tokens, ParticipationTokenIs128BitBase64UrlAndStablePerNonce) {
  auto secret = test_secret();
  auto token = secret.participation_token("nonce-1");
  EXPECT_EQ(token.size(), 22u);
  EXPECT_TRUE(looks_like_token(token));
  EXPECT_EQ(token, secret.participation_token("nonce-1"));
  EXPECT_NE(token, secret.participation_token("nonce-2"));
  EXPECT_NE(token, Secret(std::string(32, 'x')).participation_token("nonce-1"));
}

TEST(Tokens, RandomValuesDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    EXPECT_TRUE(seen.insert(random_nonce()).second);
    EXPECT_TRUE(seen.insert(random_token()).second);
  }
  EXPECT_EQ(random_nonce().size(), 32u);
}

TEST(Tokens, HashIsSha256Hex) {
  EXPECT_EQ(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Tokens, LooksLikeTokenRejectsOtherShapes) {
  EXPECT_FALSE(looks_like_token(""));
  EXPECT_FALSE(looks_like_token("aaaaaaaaaaaaaaaaaaaaa"));    // 21
  EXPECT_FALSE(looks_like_token("aaaaaaaaaaaaaaaaaaaaaaa"));  // 23
  EXPECT_FALSE(looks_like_token("aaaaaaaaaaaaaaaaaaaaa/"));
  EXPECT_FALSE(looks_like_token("aaaaaaaaaaaaaaaaaaaaa="));
}

TEST(Tokens, ConstantTimeEqualsComparesWholeValues) {
  EXPECT_TRUE(constant_time_equals("abc", "abc"));
  EXPECT_FALSE(constant_time_equals("abc", "abd"));
  EXPECT_FALSE(constant_time_equals("abc", "abcd"));
}

TEST(Tokens, CsrfTokenBindsToCookieValue) {
  auto secret = test_secret();
  auto token = secret.csrf_token("cookie-1");
  EXPECT_TRUE(secret.csrf_token_valid("cookie-1", token));
  EXPECT_FALSE(secret.csrf_token_valid("cookie-2", token));
  EXPECT_FALSE(secret.csrf_token_valid("cookie-1", token.substr(1)));
  EXPECT_FALSE(secret.csrf_token_valid("", token));
  EXPECT_FALSE(secret.csrf_token_valid("cookie-1", ""));
}

TEST(Tokens, SecretFileIsCreatedOncePrivatelyAndReused) {
  auto dir =
      std::filesystem::temp_directory_path() / ("rynek-secret-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto first = Secret::load_or_create(dir);
  struct stat info {};
  ASSERT_EQ(::stat((dir / "secret.key").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  auto second = Secret::load_or_create(dir);
  EXPECT_EQ(first.participation_token("n"), second.participation_token("n"));
  std::ofstream(dir / "secret.key") << "not-hex\n";
  EXPECT_THROW(Secret::load_or_create(dir), std::runtime_error);
  EXPECT_THROW(Secret::load_or_create(dir, "abcd"), std::runtime_error);
  EXPECT_NO_THROW(Secret::load_or_create(dir, std::string(64, 'a')));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rynek::core
