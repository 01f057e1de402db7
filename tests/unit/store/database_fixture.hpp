// A migrated SQLite file in a folder of its own, named after the running test
// so that a leftover folder says which test left it. The base of every test
// that needs a real database; it stands on the store module alone, so test
// folders linking only a few modules (accounts, events, settings) can use it.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "store/database.hpp"
#include "temp_dir.hpp"

namespace rynek::store::test {

// The database at `url` with the source tree's migrations applied.
inline std::unique_ptr<Database> open_migrated_database(const std::string& url,
                                                        unsigned read_connections = 0) {
  OpenOptions options;
  options.url = url;
  options.migrations_dir = source_migrations();
  options.synchronous_full = false;
  if (read_connections > 0) options.read_connections = read_connections;
  auto db = open_database(options);
  db->migrate();
  return db;
}

// "rynek-<Suite>.<Test>", with the '/' of parameterised names made harmless.
inline std::string current_test_folder_prefix() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = "rynek-";
  if (info) name += std::string(info->test_suite_name()) + "." + info->name();
  std::replace(name.begin(), name.end(), '/', '_');
  return name;
}

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::make_unique<TempDir>(current_test_folder_prefix());
    root_ = dir_->path();
    open();
  }
  void TearDown() override {
    if (db_) db_->close();
    dir_.reset();
  }

  // Opens root_/test.db again (as after a restart); close the old one first.
  void open() { db_ = open_migrated_database("sqlite:" + (root_ / "test.db").string()); }

  // Runs fn inside a write job and returns its result.
  template <class Fn>
  auto write(Fn&& fn) {
    using Result = decltype(fn(std::declval<Connection&>()));
    if constexpr (std::is_void_v<Result>) {
      db_->write_and_wait([&](Connection& c) { fn(c); });
    } else {
      std::optional<Result> result;
      db_->write_and_wait([&](Connection& c) { result.emplace(fn(c)); });
      return std::move(*result);
    }
  }

  // The first column of the first row of a read, e.g. "SELECT count(*) FROM ...".
  std::int64_t count(const std::string& sql) {
    return db_->read([&](Connection& c) { return c.query_one(sql)->integer(0); });
  }

  std::filesystem::path root_;
  std::unique_ptr<Database> db_;

 private:
  std::unique_ptr<TempDir> dir_;
};

}  // namespace rynek::store::test
