#include <gtest/gtest.h>

#include "accounts_fixture.hpp"
#include "store/database.hpp"

namespace rynek::accounts {
namespace {

using test::AccountsTest;

TEST(Roles, NamesRoundTrip) {
  for (auto role : {Role::admin, Role::editor, Role::organiser})
    EXPECT_EQ(parse_role(role_name(role)), role);
  EXPECT_FALSE(parse_role("Admin"));
  EXPECT_FALSE(parse_role(""));
}

// The matrix behind web::admin::allows(): organiser < editor < admin.
TEST(Roles, EachRoleMayDoWhatTheOnesBelowMay) {
  EXPECT_TRUE(at_least(Role::admin, Role::admin));
  EXPECT_TRUE(at_least(Role::admin, Role::editor));
  EXPECT_TRUE(at_least(Role::admin, Role::organiser));
  EXPECT_FALSE(at_least(Role::editor, Role::admin));
  EXPECT_TRUE(at_least(Role::editor, Role::editor));
  EXPECT_TRUE(at_least(Role::editor, Role::organiser));
  EXPECT_FALSE(at_least(Role::organiser, Role::admin));
  EXPECT_FALSE(at_least(Role::organiser, Role::editor));
  EXPECT_TRUE(at_least(Role::organiser, Role::organiser));
}

TEST(Email, NormalisedAndChecked) {
  EXPECT_EQ(normalise_email("  Anna.Kowalska@Example.ORG \n"), "anna.kowalska@example.org");
  EXPECT_TRUE(plausible_email("a@b.pl"));
  EXPECT_FALSE(plausible_email("a@b"));
  EXPECT_FALSE(plausible_email("@b.pl"));
  EXPECT_FALSE(plausible_email("a@@b.pl"));
  EXPECT_FALSE(plausible_email("a b@c.pl"));
}

TEST_F(AccountsTest, OneAccountPerAddressWhateverTheCase) {
  add_account("Anna@Example.org");
  EXPECT_THROW(add_account("anna@example.ORG"), store::DbError);
  auto found =
      db_->read([](store::Connection& c) { return find_account_by_email(c, " ANNA@example.org"); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->account.email, "anna@example.org");
}

TEST_F(AccountsTest, RoleIsCheckedByTheDatabase) {
  auto id = add_account("b@example.org");
  EXPECT_THROW(db_->write_and_wait([&](store::Connection& c) {
    c.execute("UPDATE accounts SET role = 'owner' WHERE id = ?", {id});
  }),
               store::DbError);
}

TEST_F(AccountsTest, OrganiserSeminarsSkipUnknownIds) {
  auto id = add_account("org@example.org", Role::organiser);
  db_->write_and_wait([&](store::Connection& c) { set_organiser_seminars(c, id, {41, 42}); });
  EXPECT_TRUE(db_->read([&](store::Connection& c) { return organiser_seminars(c, id); }).empty());
  EXPECT_FALSE(db_->read([&](store::Connection& c) { return organises(c, id, 41); }));
}

}  // namespace
}  // namespace rynek::accounts
