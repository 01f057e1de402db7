#include <gtest/gtest.h>

#include <fstream>

#include "store/database.hpp"
#include "temp_dir.hpp"

namespace rynek::store {
namespace {

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

std::unique_ptr<Database> open_in(const test::TempDir& dir, const std::string& migrations) {
  return open_database({"sqlite:" + dir.file("app.db"), migrations, 2, false});
}

TEST(Migrations, RealMigrationsApplyOnceAndAreRecorded) {
  test::TempDir dir;
  auto db = open_in(dir, test::source_migrations());
  auto applied = db->migrate();
  ASSERT_FALSE(applied.empty());
  EXPECT_EQ(applied.front(), "0001_initial");
  EXPECT_TRUE(db->migrate().empty());

  auto version = db->read([](Connection& c) {
    return c.query_one("SELECT value FROM meta WHERE key = ?", {std::string("content_version")});
  });
  ASSERT_TRUE(version);
  EXPECT_EQ(version->integer(0), 1);
  auto recorded = db->read([](Connection& c) {
    return c.query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
  });
  ASSERT_EQ(recorded.size(), applied.size());
  EXPECT_EQ(recorded[0].integer(0), 1);
  EXPECT_EQ(recorded[0].text(1), "0001_initial");
  EXPECT_EQ(recorded[0].text(2).size(), 20u);  // YYYY-MM-DDTHH:MM:SSZ
}

TEST(Migrations, ReopenedDatabaseAppliesNothing) {
  test::TempDir dir;
  open_in(dir, test::source_migrations())->migrate();
  EXPECT_TRUE(open_in(dir, test::source_migrations())->migrate().empty());
}

TEST(Migrations, AppliedInNumericOrder) {
  test::TempDir dir;
  auto folder = dir.path() / "migrations";
  std::filesystem::create_directory(folder);
  // 10 must follow 2 although "0010" < "002" would not hold as text without padding.
  write_file(folder / "10_third.sql", "INSERT INTO log VALUES ('third');");
  write_file(folder / "2_second.sql", "INSERT INTO log VALUES ('second');");
  write_file(folder / "1_first.sql", "CREATE TABLE log (entry TEXT);");
  write_file(folder / "README.md", "not a migration");
  auto db = open_in(dir, folder.string());
  auto applied = db->migrate();
  EXPECT_EQ(applied, (std::vector<std::string>{"1_first", "2_second", "10_third"}));
  auto rows =
      db->read([](Connection& c) { return c.query("SELECT entry FROM log ORDER BY rowid"); });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].text(0), "second");
  EXPECT_EQ(rows[1].text(0), "third");

  write_file(folder / "11_fourth.sql", "INSERT INTO log VALUES ('fourth');");
  EXPECT_EQ(db->migrate(), (std::vector<std::string>{"11_fourth"}));
}

TEST(Migrations, FailingMigrationRollsBackEntirelyAndNamesTheFile) {
  test::TempDir dir;
  auto folder = dir.path() / "migrations";
  std::filesystem::create_directory(folder);
  write_file(folder / "0001_ok.sql", "CREATE TABLE a (x INTEGER);");
  write_file(
      folder / "0002_broken.sql",
      "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (1); INSERT INTO nowhere VALUES (1);");
  auto db = open_in(dir, folder.string());
  try {
    db->migrate();
    FAIL() << "migrate() should have thrown";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("0002_broken.sql"), std::string::npos) << error.what();
  }
  auto state = db->read([](Connection& c) {
    auto tables = c.query("SELECT name FROM sqlite_master WHERE name = 'b'");
    auto rows = c.query("SELECT count(*) FROM a");
    auto versions = c.query("SELECT version FROM schema_migrations");
    return std::make_tuple(tables.size(), rows.at(0).integer(0), versions.size());
  });
  EXPECT_EQ(std::get<0>(state), 0u);  // table b was rolled back
  EXPECT_EQ(std::get<1>(state), 0);   // so was the insert
  EXPECT_EQ(std::get<2>(state), 1u);  // only 0001 recorded

  write_file(folder / "0002_broken.sql", "CREATE TABLE b (y INTEGER);");
  EXPECT_EQ(db->migrate(), (std::vector<std::string>{"0002_broken"}));
}

TEST(Migrations, BadFileNameIsRejected) {
  test::TempDir dir;
  auto folder = dir.path() / "migrations";
  std::filesystem::create_directory(folder);
  write_file(folder / "initial.sql", "CREATE TABLE a (x INTEGER);");
  EXPECT_THROW(open_in(dir, folder.string())->migrate(), std::runtime_error);
}

}  // namespace
}  // namespace rynek::store
