// A migrated SQLite database in a temporary folder, for the account tests.
#pragma once

#include <string>

#include "../store/database_fixture.hpp"
#include "accounts/account_store.hpp"

namespace rynek::accounts::test {

class AccountsTest : public store::test::DatabaseTest {
 protected:
  std::int64_t add_account(const std::string& email, Role role = Role::editor,
                           const std::string& hash = "x") {
    std::int64_t id = 0;
    db_->write_and_wait(
        [&](store::Connection& c) { id = create_account(c, email, "Test", role, hash, now_); });
    return id;
  }

  core::TimePoint now_ = core::parse_iso8601("2026-03-07T10:00:00Z").value();
};

}  // namespace rynek::accounts::test
