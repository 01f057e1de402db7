#include <gtest/gtest.h>

#include "store/database.hpp"
#include "temp_dir.hpp"

namespace rynek::store {
namespace {

class ConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = open_database({dir_.file("app.db"), test::source_migrations(), 2, false});
    db_->migrate();
  }

  DbErrc error_of(WriteJob job) {
    try {
      db_->write_and_wait(std::move(job));
    } catch (const DbError& error) {
      return error.code();
    }
    ADD_FAILURE() << "write did not fail";
    return DbErrc::other;
  }

  test::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(ConnectionTest, AllValueTypesRoundTrip) {
  db_->write_and_wait([](Connection& c) {
    c.execute("CREATE TABLE v (i INTEGER, r REAL, t TEXT, n TEXT)");
    c.execute("INSERT INTO v VALUES (?, ?, ?, ?)",
              {std::int64_t{9007199254740993}, 2.5, std::string("zażółć\0x", 12), nullptr});
  });
  auto row = db_->read([](Connection& c) { return c.query_one("SELECT i, r, t, n FROM v"); });
  ASSERT_TRUE(row);
  EXPECT_EQ(row->size(), 4u);
  EXPECT_EQ(row->integer(0), 9007199254740993);
  EXPECT_DOUBLE_EQ(row->real(1), 2.5);
  EXPECT_EQ(row->text(2), std::string("zażółć\0x", 12));
  EXPECT_TRUE(row->is_null(3));
  EXPECT_EQ(row->text(3), "");
  EXPECT_EQ(row->integer(3), 0);
  EXPECT_FALSE(row->optional_text(3));
  EXPECT_EQ(row->optional_text(2), std::string("zażółć\0x", 12));
  EXPECT_EQ(row->text(0), "9007199254740993");
  EXPECT_TRUE(std::holds_alternative<double>(row->value(1)));
}

TEST_F(ConnectionTest, QueryOneOfNothingIsEmptyAndWriterReportsIdsAndChanges) {
  std::int64_t id = 0, changed = 0;
  db_->write_and_wait([&](Connection& c) {
    c.execute("INSERT INTO tags (slug, name) VALUES (?, ?)", {std::string("a"), std::string("A")});
    id = c.last_insert_id();
    c.execute("INSERT INTO tags (slug, name) VALUES (?, ?)", {std::string("b"), std::string("B")});
    c.execute("UPDATE tags SET name = name || '!'");
    changed = c.changes();
  });
  EXPECT_EQ(id, 1);
  EXPECT_EQ(changed, 2);
  auto none = db_->read([](Connection& c) {
    return c.query_one("SELECT id FROM tags WHERE slug = ?", {std::string("zzz")});
  });
  EXPECT_FALSE(none);
}

TEST_F(ConnectionTest, ConstraintErrorsMapToCodes) {
  auto insert_tag = [](Connection& c) {
    c.execute("INSERT INTO tags (slug, name) VALUES ('x', 'X')");
  };
  db_->write_and_wait(insert_tag);
  EXPECT_EQ(error_of(insert_tag), DbErrc::unique_violation);
  EXPECT_EQ(error_of([](Connection& c) {
              c.execute("INSERT INTO tags (id, slug, name) VALUES (1, 'y', 'Y')");
            }),
            DbErrc::unique_violation);
  EXPECT_EQ(error_of([](Connection& c) {
              c.execute("INSERT INTO article_tags (article_id, tag_id) VALUES (42, 1)");
            }),
            DbErrc::foreign_key);
  EXPECT_EQ(error_of([](Connection& c) {
              c.execute(
                  "INSERT INTO articles (slug, title, hero_alt, published_at, created_at, "
                  "updated_at) VALUES ('s', 't', '', 'x', 'x', 'x')");
              c.execute("INSERT INTO media VALUES ('h', 'image/png', 1, 'x')");
              c.execute("UPDATE articles SET hero_sha256 = 'h'");  // CHECK: no alt text
            }),
            DbErrc::constraint);
  EXPECT_EQ(error_of([](Connection& c) { c.execute("INSERT INTO tags (slug) VALUES ('z')"); }),
            DbErrc::constraint);  // NOT NULL
  EXPECT_EQ(error_of([](Connection& c) { c.execute("SELECT * FROM no_such_table"); }),
            DbErrc::other);
}

TEST_F(ConnectionTest, ReadersAreReadOnly) {
  EXPECT_THROW(db_->read([](Connection& c) { c.execute("DELETE FROM meta"); }), DbError);
}

TEST_F(ConnectionTest, WrongParameterCountIsAnError) {
  EXPECT_THROW(db_->read([](Connection& c) { c.query("SELECT ?", {}); }), DbError);
  EXPECT_THROW(db_->read([](Connection& c) { c.query("SELECT 1; SELECT 2"); }), DbError);
}

TEST_F(ConnectionTest, NumbersStoredAsTextReadAsNumbers) {
  auto row = db_->read([](Connection& c) { return c.query_one("SELECT '41', '2.5', 'abc'"); });
  EXPECT_EQ(row->integer(0), 41);
  EXPECT_DOUBLE_EQ(row->real(1), 2.5);
  EXPECT_THROW(row->integer(2), DbError);
}

TEST(OpenDatabase, UrlForms) {
  test::TempDir dir;
  for (const std::string& url :
       {"sqlite:" + dir.file("a.db"), "sqlite://" + dir.file("b.db"), dir.file("c.db")}) {
    auto db = open_database({url, "", 1, false});
    EXPECT_EQ(db->backend_name(), "sqlite");
    db->write_and_wait([](Connection& c) { c.execute("CREATE TABLE t (x)"); });
  }
  EXPECT_TRUE(std::filesystem::exists(dir.file("a.db")));
  EXPECT_TRUE(std::filesystem::exists(dir.file("b.db")));
  EXPECT_TRUE(std::filesystem::exists(dir.file("c.db")));
  try {
    open_database({"postgresql://localhost/rynek", "", 1, true});
    FAIL();
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("PostgreSQL backend is not built yet"),
              std::string::npos);
  }
  EXPECT_THROW(open_database({"postgres://x", "", 1, true}), std::runtime_error);
  EXPECT_THROW(open_database({"mysql://x", "", 1, true}), std::runtime_error);
  EXPECT_THROW(open_database({"", "", 1, true}), std::runtime_error);
}

TEST(OpenDatabase, MemoryIsAPrivateTemporaryFile) {
  auto db = open_database({"sqlite::memory:", test::source_migrations(), 2, false});
  db->migrate();
  db->write_and_wait(
      [](Connection& c) { c.execute("INSERT INTO tags (slug, name) VALUES ('a', 'A')"); });
  auto count =
      db->read([](Connection& c) { return c.query("SELECT count(*) FROM tags")[0].integer(0); });
  EXPECT_EQ(count, 1);
}

}  // namespace
}  // namespace rynek::store
