// Editing functions against a real SQLite file: create, update with a change
// list, publish/unpublish/schedule, attachments, and what the public queries see.
#include "content/editing.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "../store/database_fixture.hpp"

namespace rynek::content {
namespace {

using namespace std::chrono_literals;

class EditingTest : public store::test::DatabaseTest {
 protected:
  ArticleFields fields(const std::string& title, const std::string& slug) {
    ArticleFields f;
    f.title = title;
    f.slug = slug;
    f.lead = "Lead";
    f.body_md = "Body";
    f.tags = {"Rewitalizacja", "Budżet"};
    f.published_at = now_ - 1h;
    return f;
  }

  std::int64_t create(const ArticleFields& f, ArticleStatus status) {
    std::int64_t id = 0;
    db_->write_and_wait([&](store::Connection& c) { id = create_article(c, f, status, now_); });
    return id;
  }

  std::int64_t version() {
    return db_->read([](store::Connection& c) { return content_version(c); });
  }

  core::TimePoint now_ = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
};

TEST_F(EditingTest, ExistingArticlesStayPublishedAfterTheMigration) {
  db_->write_and_wait([](store::Connection& c) {
    c.execute(
        "INSERT INTO articles (slug, title, published_at, created_at, updated_at)"
        " VALUES ('old', 'Old', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')");
  });
  auto status = db_->read([](store::Connection& c) {
    return c.query_one("SELECT status FROM articles WHERE slug = 'old'")->text(0);
  });
  EXPECT_EQ(status, "published");
}

TEST_F(EditingTest, CreatesADraftWithTagsAndBumpsTheContentVersion) {
  auto before = version();
  auto id = create(fields("Nowy artykuł", "nowy-artykul"), ArticleStatus::draft);
  EXPECT_GT(version(), before);
  auto article = db_->read([&](store::Connection& c) { return load_article(c, id); });
  ASSERT_TRUE(article);
  EXPECT_EQ(article->status, ArticleStatus::draft);
  EXPECT_EQ(article->fields.title, "Nowy artykuł");
  EXPECT_EQ(article->fields.tags, (std::vector<std::string>{"Budżet", "Rewitalizacja"}));
  EXPECT_EQ(display_status(article->status, article->fields.published_at, now_),
            DisplayStatus::draft);
}

TEST_F(EditingTest, DuplicateSlugIsAUniqueViolation) {
  create(fields("A", "same"), ArticleStatus::draft);
  try {
    create(fields("B", "same"), ArticleStatus::draft);
    FAIL() << "no error";
  } catch (const store::DbError& error) {
    EXPECT_EQ(error.code(), store::DbErrc::unique_violation);
  }
}

TEST_F(EditingTest, UpdateReportsWhatChanged) {
  auto id = create(fields("Stary tytuł", "tytul"), ArticleStatus::draft);
  auto f = fields("Nowy tytuł", "tytul");
  f.body_md = "Another body";
  f.tags = {"Budżet"};
  std::optional<std::string> changes;
  db_->write_and_wait([&](store::Connection& c) { changes = update_article(c, id, f, now_); });
  ASSERT_TRUE(changes);
  auto json = boost::json::parse(*changes).as_object();
  EXPECT_EQ(json.at("title").at("from").as_string(), "Stary tytuł");
  EXPECT_EQ(json.at("title").at("to").as_string(), "Nowy tytuł");
  EXPECT_EQ(json.at("body").as_string(), "changed");
  EXPECT_EQ(json.at("tags").at("to").as_string(), "Budżet");
  EXPECT_FALSE(json.contains("slug"));
  // Nothing changed: an empty object and no write.
  db_->write_and_wait([&](store::Connection& c) { changes = update_article(c, id, f, now_); });
  EXPECT_EQ(*changes, "{}");
  db_->write_and_wait(
      [&](store::Connection& c) { changes = update_article(c, id + 100, f, now_); });
  EXPECT_FALSE(changes);
}

TEST_F(EditingTest, PublishScheduleAndUnpublish) {
  auto id = create(fields("A", "a"), ArticleStatus::draft);
  auto status_of = [&] {
    auto article = db_->read([&](store::Connection& c) { return load_article(c, id); });
    return display_status(article->status, article->fields.published_at, now_);
  };
  db_->write_and_wait([&](store::Connection& c) {
    set_article_status(c, id, ArticleStatus::published, now_ + 24h, now_);
  });
  EXPECT_EQ(status_of(), DisplayStatus::scheduled);
  db_->write_and_wait([&](store::Connection& c) {
    set_article_status(c, id, ArticleStatus::published, now_ - 1min, now_);
  });
  EXPECT_EQ(status_of(), DisplayStatus::published);
  std::optional<std::string> changes;
  db_->write_and_wait([&](store::Connection& c) {
    changes = set_article_status(c, id, ArticleStatus::unpublished, std::nullopt, now_);
  });
  EXPECT_EQ(status_of(), DisplayStatus::unpublished);
  auto json = boost::json::parse(*changes).as_object();
  EXPECT_EQ(json.at("status").at("to").as_string(), "unpublished");
}

TEST_F(EditingTest, AttachmentsAreAddedInOrderAndRemovedOnlyFromTheirArticle) {
  auto a = create(fields("A", "a"), ArticleStatus::draft);
  auto b = create(fields("B", "b"), ArticleStatus::draft);
  StoredMedia media{std::string(64, 'a'), "application/pdf", 10};
  std::int64_t first = 0, second = 0;
  db_->write_and_wait([&](store::Connection& c) {
    first = add_attachment(c, a, "Program", "program.pdf", media, now_);
    second = add_attachment(c, a, "Lista", "lista.pdf", media, now_);
  });
  auto article = db_->read([&](store::Connection& c) { return load_article(c, a); });
  ASSERT_EQ(article->attachments.size(), 2u);
  EXPECT_EQ(article->attachments[0].file.title, "Program");
  EXPECT_EQ(article->attachments[1].id, second);
  bool removed = true;
  db_->write_and_wait(
      [&](store::Connection& c) { removed = remove_attachment(c, b, first, now_); });
  EXPECT_FALSE(removed);  // another article's attachment id
  db_->write_and_wait(
      [&](store::Connection& c) { removed = remove_attachment(c, a, first, now_); });
  EXPECT_TRUE(removed);
  article = db_->read([&](store::Connection& c) { return load_article(c, a); });
  ASSERT_EQ(article->attachments.size(), 1u);
  EXPECT_EQ(article->attachments[0].file.title, "Lista");
}

TEST_F(EditingTest, ListSearchesTitleAndSlugWithLiteralWildcards) {
  create(fields("Budżet obywatelski", "budzet"), ArticleStatus::draft);
  create(fields("100% frekwencji", "frekwencja"), ArticleStatus::published);
  auto all =
      db_->read([](store::Connection& c) { return list_articles_for_editing(c, "", 50, 0); });
  EXPECT_EQ(all.size(), 2u);
  auto found = db_->read(
      [](store::Connection& c) { return list_articles_for_editing(c, "OBYWATEL", 50, 0); });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].slug, "budzet");
  auto percent =
      db_->read([](store::Connection& c) { return list_articles_for_editing(c, "0%", 50, 0); });
  ASSERT_EQ(percent.size(), 1u);
  EXPECT_EQ(percent[0].slug, "frekwencja");
  auto wildcard =
      db_->read([](store::Connection& c) { return list_articles_for_editing(c, "_", 50, 0); });
  EXPECT_TRUE(wildcard.empty());
}

TEST_F(EditingTest, PreviewShowsDraftsThatPublicQueriesHide) {
  auto id = create(fields("Szkic", "szkic"), ArticleStatus::draft);
  auto preview = db_->read([&](store::Connection& c) { return article_for_preview(c, id); });
  ASSERT_TRUE(preview);
  EXPECT_EQ(preview->title, "Szkic");
  EXPECT_EQ(preview->tags.size(), 2u);
}

}  // namespace
}  // namespace rynek::content
