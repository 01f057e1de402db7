// A migrated SQLite database in a temporary folder, for the account tests.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "accounts/account_store.hpp"
#include "store/database.hpp"

namespace rynek::accounts::test {

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "rynek-accounts-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    store::OpenOptions options;
    options.url = "sqlite:" + (root_ / "test.db").string();
    options.migrations_dir = std::string(RYNEK_SOURCE_DIR) + "/migrations/sqlite";
    options.synchronous_full = false;
    db_ = store::open_database(options);
    db_->migrate();
  }
  void TearDown() override {
    db_->close();
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }

  std::int64_t add_account(const std::string& email, Role role = Role::editor, const std::string& hash = "x") {
    std::int64_t id = 0;
    db_->write_and_wait([&](store::Connection& c) { id = create_account(c, email, "Test", role, hash, now_); });
    return id;
  }

  std::filesystem::path root_;
  std::unique_ptr<store::Database> db_;
  core::TimePoint now_ = core::parse_iso8601("2026-03-07T10:00:00Z").value();
};

}  // namespace rynek::accounts::test
