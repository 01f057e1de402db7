// Deleting a draft article (content/editing.hpp): the row goes with what
// belongs only to it — tag links, attachment rows, tags nobody else uses —
// while other articles, shared tags and the media rows stay; anything ever
// published (also scheduled) or unpublished is refused and nothing changes;
// the address is free again afterwards.
#include <gtest/gtest.h>

#include "../store/database_fixture.hpp"
#include "content/article.hpp"
#include "content/editing.hpp"

namespace rynek::content {
namespace {

using namespace std::chrono_literals;

class DeleteDraftTest : public store::test::DatabaseTest {
 protected:
  std::int64_t create(const std::string& slug, std::vector<std::string> tags,
                      ArticleStatus status) {
    ArticleFields f;
    f.title = "Artykuł " + slug;
    f.slug = slug;
    f.tags = std::move(tags);
    f.published_at = now_ - 1h;
    return write([&](store::Connection& c) { return create_article(c, f, status, now_); });
  }
  void attach(std::int64_t id, char digit) {
    write([&](store::Connection& c) {
      add_attachment(c, id, "Program", "program.pdf",
                     {std::string(64, digit), "application/pdf", 10}, now_);
    });
  }
  DraftDeletion remove(std::int64_t id) {
    return write([&](store::Connection& c) { return delete_draft_article(c, id); });
  }
  // Every row of the tables an article touches, to compare before and after.
  std::string dump() {
    return db_->read([](store::Connection& c) {
      std::string text;
      for (const char* table : {"articles", "article_tags", "tags", "attachments", "media"}) {
        for (const auto& row : c.query(std::string("SELECT * FROM ") + table + " ORDER BY 1")) {
          text += table;
          for (std::size_t i = 0; i < row.size(); ++i)
            text += "|" + (row.is_null(i) ? "NULL" : row.text(i));
          text += "\n";
        }
      }
      return text;
    });
  }
  std::int64_t version() {
    return db_->read([](store::Connection& c) { return content_version(c); });
  }
  core::TimePoint now_ = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
};

TEST_F(DeleteDraftTest, RemovesTheRowItsTagLinksAndAttachmentsAndNothingOfOthers) {
  auto draft = create("szkic", {"Rewitalizacja", "Tylko w szkicu"}, ArticleStatus::draft);
  attach(draft, 'a');
  attach(draft, 'b');
  auto other = create("inny", {"Rewitalizacja"}, ArticleStatus::published);
  attach(other, 'b');  // the same file as the draft's second attachment
  const auto before = version();

  EXPECT_EQ(remove(draft), DraftDeletion::deleted);

  EXPECT_EQ(count("SELECT count(*) FROM articles WHERE id = " + std::to_string(draft)), 0);
  EXPECT_EQ(count("SELECT count(*) FROM article_tags WHERE article_id = " + std::to_string(draft)),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM attachments WHERE article_id = " + std::to_string(draft)),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM tags WHERE slug = 'tylko-w-szkicu'"), 0)
      << "a tag only the draft used";
  EXPECT_EQ(count("SELECT count(*) FROM tags WHERE slug = 'rewitalizacja'"), 1)
      << "a tag another article uses";
  EXPECT_EQ(count("SELECT count(*) FROM articles WHERE id = " + std::to_string(other)), 1);
  EXPECT_EQ(count("SELECT count(*) FROM article_tags WHERE article_id = " + std::to_string(other)),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM attachments WHERE article_id = " + std::to_string(other)),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM media"), 2)
      << "media rows stay: files are content-addressed and shared";
  EXPECT_GT(version(), before) << "cached pages are drawn again";
}

TEST_F(DeleteDraftTest, PublishedScheduledAndUnpublishedArticlesAreRefusedAndNothingChanges) {
  auto published = create("opublikowany", {"Gniezno"}, ArticleStatus::published);
  attach(published, 'c');
  auto scheduled = create("zaplanowany", {}, ArticleStatus::draft);
  write([&](store::Connection& c) {
    set_article_status(c, scheduled, ArticleStatus::published, now_ + 24h, now_);
  });
  auto unpublished = create("wycofany", {"Gniezno"}, ArticleStatus::published);
  write([&](store::Connection& c) {
    set_article_status(c, unpublished, ArticleStatus::unpublished, std::nullopt, now_);
  });
  const auto rows = dump();
  const auto before = version();
  for (auto id : {published, scheduled, unpublished})
    EXPECT_EQ(remove(id), DraftDeletion::not_draft) << id;
  EXPECT_EQ(dump(), rows);
  EXPECT_EQ(version(), before);
}

TEST_F(DeleteDraftTest, AnUnknownIdIsNotFound) {
  create("szkic", {}, ArticleStatus::draft);
  const auto rows = dump();
  EXPECT_EQ(remove(999), DraftDeletion::not_found);
  EXPECT_EQ(dump(), rows);
}

TEST_F(DeleteDraftTest, TheAddressIsFreeAgainAfterwards) {
  auto draft = create("wolny-adres", {}, ArticleStatus::draft);
  EXPECT_THROW(create("wolny-adres", {}, ArticleStatus::draft), store::DbError)
      << "taken while the draft exists";
  EXPECT_EQ(remove(draft), DraftDeletion::deleted);
  auto again = create("wolny-adres", {}, ArticleStatus::draft);
  EXPECT_NE(again, 0);
  EXPECT_EQ(count("SELECT count(*) FROM articles WHERE slug = 'wolny-adres'"), 1);
}

}  // namespace
}  // namespace rynek::content
