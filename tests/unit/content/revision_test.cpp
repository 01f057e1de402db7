// Revision numbers (optimistic locking, content/editing.hpp): every kind of
// write that changes an article or the site settings adds exactly one; a
// write that changes nothing adds none; and the form's revision is read
// strictly (digits only), so a hand-made value is "unknown", never a crash.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "../store/database_fixture.hpp"
#include "content/editing.hpp"
#include "content/import.hpp"
#include "content/settings.hpp"

namespace rynek::content {
namespace {

using namespace std::chrono_literals;

TEST(CheckRevision, SameIsCurrentOlderIsStaleAnythingElseIsUnknown) {
  EXPECT_EQ(check_revision("3", 3), RevisionCheck::current);
  EXPECT_EQ(check_revision("2", 3), RevisionCheck::stale);
  EXPECT_EQ(check_revision("4", 3), RevisionCheck::unknown)
      << "newer than stored: never shown by a form";
  for (const char* hostile : {"", "abc", "-1", "+3", "0", " 3", "3 ", "3x", "0x3", "3.0",
                              "99999999999999999999999", "9223372036854775808"}) {
    EXPECT_EQ(check_revision(hostile, 3), RevisionCheck::unknown) << hostile;
  }
  EXPECT_EQ(check_revision("9223372036854775807", 3), RevisionCheck::unknown);
  EXPECT_EQ(check_revision("1", 3), RevisionCheck::stale);
}

class RevisionTest : public store::test::DatabaseTest {
 protected:
  std::int64_t revision(std::int64_t id) {
    return db_->read([&](store::Connection& c) { return article_revision(c, id).value_or(-1); });
  }
  ArticleFields fields(const std::string& title) {
    ArticleFields f;
    f.title = title;
    f.slug = "artykul";
    f.published_at = now_ - 1h;
    return f;
  }
  core::TimePoint now_ = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
};

TEST_F(RevisionTest, EveryArticleWriteAddsOneAndANoChangeWriteNone) {
  auto id = write([&](store::Connection& c) {
    return create_article(c, fields("A"), ArticleStatus::draft, now_);
  });
  EXPECT_EQ(revision(id), 1);
  EXPECT_EQ(db_->read([&](store::Connection& c) { return load_article(c, id)->revision; }), 1);
  write([&](store::Connection& c) { update_article(c, id, fields("B"), now_); });
  EXPECT_EQ(revision(id), 2) << "a save";
  write([&](store::Connection& c) { update_article(c, id, fields("B"), now_); });
  EXPECT_EQ(revision(id), 2) << "the same values again write nothing";
  write([&](store::Connection& c) {
    set_article_status(c, id, ArticleStatus::published, std::nullopt, now_);
  });
  EXPECT_EQ(revision(id), 3) << "publish";
  write([&](store::Connection& c) {
    set_article_status(c, id, ArticleStatus::published, std::nullopt, now_);
  });
  EXPECT_EQ(revision(id), 3) << "publishing a published article changes nothing";
  write([&](store::Connection& c) {
    set_article_status(c, id, ArticleStatus::published, now_ + 24h, now_);
  });
  EXPECT_EQ(revision(id), 4) << "schedule";
  write([&](store::Connection& c) {
    set_article_status(c, id, ArticleStatus::unpublished, std::nullopt, now_);
  });
  EXPECT_EQ(revision(id), 5) << "unpublish";
  auto attachment = write([&](store::Connection& c) {
    return add_attachment(c, id, "Program", "program.pdf",
                          {std::string(64, 'a'), "application/pdf", 10}, now_);
  });
  EXPECT_EQ(revision(id), 6) << "attachment added";
  EXPECT_FALSE(
      write([&](store::Connection& c) { return remove_attachment(c, id, attachment + 1, now_); }));
  EXPECT_EQ(revision(id), 6) << "no such attachment: nothing written";
  EXPECT_TRUE(
      write([&](store::Connection& c) { return remove_attachment(c, id, attachment, now_); }));
  EXPECT_EQ(revision(id), 7) << "attachment removed";
  EXPECT_FALSE(db_->read([](store::Connection& c) { return article_revision(c, 999); }));
}

TEST_F(RevisionTest, ImportingOverAnArticleAddsOneUnlessNothingChanged) {
  namespace fs = std::filesystem;
  fs::create_directories(root_ / "content" / "articles");
  MediaStore media(root_ / "data");
  auto import = [&](const std::string& title) {
    std::ofstream(root_ / "content" / "articles" / "artykul.md", std::ios::binary)
        << "+++\ntitle = \"" << title << "\"\npublished = 2026-03-01T09:00:00+01:00\n+++\nTreść.\n";
    auto report = import_articles(*db_, media, root_ / "content");
    ASSERT_TRUE(report.errors.empty()) << report.errors.front();
  };
  import("Pierwszy");
  auto id = count("SELECT id FROM articles WHERE slug = 'artykul'");
  EXPECT_EQ(revision(id), 1);
  import("Drugi");
  EXPECT_EQ(revision(id), 2);
  // The same file again is not an edit: same revision, same updated_at.
  auto updated_at = [&] {
    return db_->read([&](store::Connection& c) {
      return c.query_one("SELECT updated_at FROM articles WHERE id = ?", {id})->text(0);
    });
  };
  const auto stamp = updated_at();
  std::this_thread::sleep_for(1100ms);  // updated_at has whole seconds: a rewrite would show
  import("Drugi");
  EXPECT_EQ(revision(id), 2);
  EXPECT_EQ(updated_at(), stamp);
}

TEST_F(RevisionTest, ASettingsSaveAddsOneAndAnUnchangedOneNone) {
  auto settings_rev = [&] {
    return db_->read([](store::Connection& c) { return settings_revision(c); });
  };
  EXPECT_EQ(settings_rev(), 1);
  auto settings = db_->read([](store::Connection& c) { return site_settings(c); });
  settings.organisation_name = "Stowarzyszenie";
  EXPECT_TRUE(write([&](store::Connection& c) { return update_site_settings(c, settings, now_); }));
  EXPECT_EQ(settings_rev(), 2);
  EXPECT_FALSE(
      write([&](store::Connection& c) { return update_site_settings(c, settings, now_); }));
  EXPECT_EQ(settings_rev(), 2);
}

}  // namespace
}  // namespace rynek::content
