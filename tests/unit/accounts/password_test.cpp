#include "accounts/password.hpp"

#include <gtest/gtest.h>

namespace rynek::accounts {
namespace {

TEST(Password, HashIsArgon2idAndVerifiesOnlyTheSamePassword) {
  auto hash = hash_password("correct horse battery");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password("correct horse battery", hash));
  EXPECT_FALSE(verify_password("correct horse batterY", hash));
  EXPECT_FALSE(verify_password("", hash));
}

TEST(Password, SaltMakesEachHashDifferent) {
  EXPECT_NE(hash_password("the same password"), hash_password("the same password"));
}

TEST(Password, EmptyOrMalformedHashNeverVerifies) {
  EXPECT_FALSE(verify_password("anything at all", ""));
  EXPECT_FALSE(verify_password("anything at all", "$argon2id$garbage"));
  EXPECT_FALSE(verify_password("", ""));
}

TEST(Password, OverlongPasswordIsRefusedWithoutHashing) {
  std::string long_password(kMaxPasswordLength + 1, 'a');
  auto hash = hash_password(std::string(kMaxPasswordLength, 'a'));
  EXPECT_TRUE(verify_password(std::string(kMaxPasswordLength, 'a'), hash));
  EXPECT_FALSE(verify_password(long_password, hash));
}

TEST(Password, LengthRules) {
  EXPECT_EQ(password_problem("elevenchars"), PasswordProblem::too_short);
  EXPECT_EQ(password_problem(""), PasswordProblem::too_short);
  EXPECT_EQ(password_problem("twelve chars"), std::nullopt);
  EXPECT_EQ(password_problem(std::string(1024, 'x')), std::nullopt);
  EXPECT_EQ(password_problem(std::string(1025, 'x')), PasswordProblem::too_long);
}

}  // namespace
}  // namespace rynek::accounts
