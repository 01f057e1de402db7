#include "content/import.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "../store/database_fixture.hpp"
#include "content/article.hpp"
#include "core/clock.hpp"
#include "test_image.hpp"

namespace rynek::content {
namespace {

namespace fs = std::filesystem;

class ImportTest : public store::test::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    fs::create_directories(root_ / "content" / "articles");
    media_ = std::make_unique<MediaStore>(root_ / "data");
  }

  void write(const std::string& relative, const std::string& text) {
    auto path = root_ / "content" / "articles" / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }

  ImportReport run() { return import_articles(*db_, *media_, root_ / "content"); }

  std::int64_t article_count() {
    return db_->read([](store::Connection& c) {
      return c.query_one("SELECT count(*) FROM articles")->integer(0);
    });
  }

  std::unique_ptr<MediaStore> media_;
};

constexpr const char* kSimple =
    "+++\ntitle = \"Pierwszy\"\nlead = \"Lead\"\npublished = 2026-03-01T09:00:00+01:00\n"
    "tags = [\"Forum Rozwoju Lokalnego\"]\n+++\nTreść **artykułu**.\n";

TEST(FrontMatter, SplitsTomlAndBody) {
  auto parts = split_front_matter("+++\ntitle = \"x\"\n+++\nbody\n");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->toml, "title = \"x\"\n");
  EXPECT_EQ(parts->body, "body\n");
  EXPECT_FALSE(split_front_matter("title = 'x'\n"));
  EXPECT_FALSE(split_front_matter("+++\ntitle = 'x'\n"));
}

TEST_F(ImportTest, ImportsArticleWithTagsAndSlugFromFileName) {
  write("pierwszy-artykul.md", kSimple);
  auto report = run();
  ASSERT_TRUE(report.errors.empty()) << report.errors.front();
  EXPECT_EQ(report.created, 1);
  auto article = db_->read(
      [](store::Connection& c) { return find_article(c, "pierwszy-artykul", core::Clock::now()); });
  ASSERT_TRUE(article);
  EXPECT_EQ(article->title, "Pierwszy");
  EXPECT_EQ(core::format_iso8601(article->published_at), "2026-03-01T08:00:00Z");
  ASSERT_EQ(article->tags.size(), 1u);
  EXPECT_EQ(article->tags[0].slug, "forum-rozwoju-lokalnego");
}

TEST_F(ImportTest, ImportingTwiceUpdatesInsteadOfDuplicating) {
  write("a.md", kSimple);
  ASSERT_EQ(run().created, 1);
  write("a.md",
        std::string(kSimple).replace(std::string(kSimple).find("Pierwszy"), 8, "Zmieniony"));
  auto second = run();
  EXPECT_EQ(second.created, 0);
  EXPECT_EQ(second.updated, 1);
  EXPECT_EQ(article_count(), 1);
  auto title = db_->read(
      [](store::Connection& c) { return c.query_one("SELECT title FROM articles")->text(0); });
  EXPECT_EQ(title, "Zmieniony");
}

TEST_F(ImportTest, StoresAttachmentsByContentWithTypeFromBytes) {
  write("z-plikiem/index.md",
        "+++\ntitle = \"Z plikiem\"\npublished = \"2026-03-01T09:00:00Z\"\n"
        "[[attachments]]\ntitle = \"Program\"\nfile = \"program.txt\"\n+++\nx\n");
  write("z-plikiem/program.txt", "Program seminarium\n");
  auto report = run();
  ASSERT_TRUE(report.errors.empty()) << report.errors.front();
  auto article = db_->read(
      [](store::Connection& c) { return find_article(c, "z-plikiem", core::Clock::now()); });
  ASSERT_TRUE(article);
  ASSERT_EQ(article->attachments.size(), 1u);
  EXPECT_EQ(article->attachments[0].content_type, "text/plain");
  EXPECT_EQ(article->attachments[0].size, 19);
  EXPECT_TRUE(fs::exists(media_->path_for(article->attachments[0].sha256)));
}

TEST_F(ImportTest, RefusesAnImageAttachmentOverThePixelLimit) {
  write("bomba/index.md",
        "+++\ntitle = \"Bomba\"\npublished = \"2026-03-01T09:00:00Z\"\n"
        "[[attachments]]\ntitle = \"Plan\"\nfile = \"plan.png\"\n+++\nx\n");
  write("bomba/plan.png", test::png_declaring(100000, 100000));
  auto report = run();
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_NE(report.errors[0].find("attachment 'plan.png' is an image"), std::string::npos)
      << report.errors[0];
  EXPECT_EQ(article_count(), 0);
}

TEST_F(ImportTest, OneInvalidArticleMeansNothingIsImported) {
  write("dobry.md", kSimple);
  write(
      "bez-alt/index.md",
      "+++\ntitle = \"Bez alt\"\npublished = 2026-03-01T09:00:00Z\n[hero]\nimage = \"x.png\"\n+++\n");
  write("bez-tytulu.md", "+++\npublished = 2026-03-01T09:00:00Z\n+++\n");
  write("zly-toml.md", "+++\ntitle = \n+++\n");
  auto report = run();
  ASSERT_EQ(report.errors.size(), 3u);
  EXPECT_NE(report.errors[0].find("bez-alt/index.md: hero.alt is required"), std::string::npos)
      << report.errors[0];
  EXPECT_NE(report.errors[1].find("bez-tytulu.md: title is required"), std::string::npos)
      << report.errors[1];
  EXPECT_NE(report.errors[2].find("zly-toml.md: front matter line"), std::string::npos)
      << report.errors[2];
  EXPECT_EQ(article_count(), 0);
}

TEST_F(ImportTest, RefusesFilesOutsideTheArticleFolder) {
  write("ucieczka/index.md",
        "+++\ntitle = \"x\"\npublished = 2026-03-01T09:00:00Z\n"
        "[[attachments]]\ntitle = \"Hasła\"\nfile = \"../../../../etc/passwd\"\n+++\n");
  auto report = run();
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_NE(report.errors[0].find("must be a path inside"), std::string::npos);
  EXPECT_EQ(article_count(), 0);
}

TEST_F(ImportTest, RejectsBadSlugsAndHeroThatIsNotAnImage) {
  write("Zły Slug.md", kSimple);
  write(
      "nie-obraz/index.md",
      "+++\ntitle = \"x\"\npublished = 2026-03-01T09:00:00Z\n[hero]\nimage = \"a.txt\"\nalt = \"opis\"\n+++\n");
  write("nie-obraz/a.txt", "just text");
  auto report = run();
  ASSERT_EQ(report.errors.size(), 2u);
  EXPECT_NE(report.errors[0].find("slug"), std::string::npos) << report.errors[0];
  EXPECT_NE(report.errors[1].find("is not an image"), std::string::npos) << report.errors[1];
}

TEST_F(ImportTest, FutureArticlesStayHiddenUntilPublished) {
  write("pozniej.md", "+++\ntitle = \"Później\"\npublished = 2999-01-01T00:00:00Z\n+++\n");
  ASSERT_TRUE(run().errors.empty());
  auto now = core::Clock::now();
  auto [count, found, next] = db_->read([&](store::Connection& c) {
    return std::tuple(count_published(c, now), find_article(c, "pozniej", now).has_value(),
                      next_publication(c, now));
  });
  EXPECT_EQ(count, 0);
  EXPECT_FALSE(found);
  ASSERT_TRUE(next);
  EXPECT_EQ(core::format_iso8601(*next), "2999-01-01T00:00:00Z");
}

TEST_F(ImportTest, ImportBumpsTheContentVersion) {
  auto before = db_->read([](store::Connection& c) { return content_version(c); });
  write("a.md", kSimple);
  ASSERT_TRUE(run().errors.empty());
  auto after = db_->read([](store::Connection& c) { return content_version(c); });
  EXPECT_EQ(after, before + 1);
}

}  // namespace
}  // namespace rynek::content
