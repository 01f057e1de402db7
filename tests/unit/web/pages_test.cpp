// In-process request tests: router, handlers and views with a real SQLite file,
// no socket (the layer between unit tests and the black-box integration tests).
#include <gtest/gtest.h>

#include <fstream>

#include "app_fixture.hpp"
#include "content/import.hpp"

namespace rynek::web {
namespace {

namespace fs = std::filesystem;

class PagesTest : public test::AppTest {
 protected:
  void add_article(const std::string& slug, const std::string& front_matter,
                   const std::string& body) {
    auto dir = root_ / "content" / "articles";
    fs::create_directories(dir);
    std::ofstream(dir / (slug + ".md")) << "+++\n" << front_matter << "\n+++\n" << body;
    auto report = content::import_articles(*db_, *media_, root_ / "content");
    ASSERT_TRUE(report.errors.empty()) << report.errors.front();
    cache_.set_version(db_->read([](store::Connection& c) {
      return c.query_one("SELECT value FROM meta WHERE key = 'content_version'")->integer(0);
    }));
  }
};

using test::contains;

TEST_F(PagesTest, ArticlePageShowsTitleBodyDateAndOtherArticles) {
  add_article("pierwszy", "title = \"Pierwszy artykuł\"\npublished = 2026-03-07T10:00:00Z",
              "Treść *pierwszego*.");
  add_article("drugi", "title = \"Drugi artykuł\"\npublished = 2026-03-08T10:00:00Z",
              "Treść drugiego.");
  auto response = get("/aktualnosci/pierwszy");
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(contains(response, "<h1>Pierwszy artykuł</h1>"));
  EXPECT_TRUE(contains(response, "<em>pierwszego</em>"));
  EXPECT_TRUE(contains(response, "7 marca 2026, godz. 11:00"));
  EXPECT_TRUE(contains(response, "Pozostałe artykuły"));
  EXPECT_TRUE(contains(response, "href=\"/aktualnosci/drugi\""));
  EXPECT_TRUE(contains(response, "<html lang=\"pl\">"));
}

TEST_F(PagesTest, EnglishCookieGivesEnglishPage) {
  add_article("pierwszy", "title = \"Pierwszy\"\npublished = 2026-03-07T10:00:00Z", "x");
  auto response = get("/aktualnosci/pierwszy", "lang=en");
  EXPECT_TRUE(contains(response, "<html lang=\"en\">"));
  EXPECT_TRUE(contains(response, "7 March 2026, 11:00"));
  EXPECT_TRUE(contains(response, "Skip to main content"));
}

TEST_F(PagesTest, HtmlInArticleFieldsIsShownAsText) {
  add_article(
      "xss",
      "title = \"<script>alert(1)</script>\"\nlead = \"\\\"><img src=x onerror=alert(1)>\"\n"
      "published = 2026-03-07T10:00:00Z\ntags = [\"<b>tag</b>\"]",
      "<script>alert(2)</script>\n\n[klik](javascript:alert(3))\n");
  auto response = get("/aktualnosci/xss");
  ASSERT_EQ(response.status, 200);
  EXPECT_FALSE(contains(response, "<script>alert"));
  EXPECT_FALSE(contains(response, "<img src=x"));
  EXPECT_FALSE(contains(response, "javascript:"));
  EXPECT_FALSE(contains(response, "<b>tag</b>"));
  EXPECT_TRUE(contains(response, "&lt;script&gt;alert(1)&lt;/script&gt;"));
}

TEST_F(PagesTest, UnknownArticleAndBadPageNumbersAre404InTheVisitorsLanguage) {
  EXPECT_EQ(get("/aktualnosci/nie-ma").status, 404);
  EXPECT_TRUE(contains(get("/aktualnosci/nie-ma"), "Nie znaleziono strony"));
  EXPECT_TRUE(contains(get("/nie-ma", "lang=en"), "Page not found"));
  EXPECT_EQ(get("/aktualnosci?strona=0").status, 404);
  EXPECT_EQ(get("/aktualnosci?strona=abc").status, 404);
  EXPECT_EQ(get("/aktualnosci?strona=2").status, 404);
}

TEST_F(PagesTest, ListPaginatesTenPerPageWithPolishPlural) {
  for (int i = 1; i <= 12; ++i) {
    add_article("artykul-" + std::to_string(i),
                "title = \"Artykuł " + std::to_string(i) + "\"\npublished = 2026-03-" +
                    (i < 10 ? "0" : "") + std::to_string(i) + "T10:00:00Z",
                "x");
  }
  auto first = get("/aktualnosci");
  EXPECT_TRUE(contains(first, "12 artykułów"));
  EXPECT_TRUE(contains(first, "Artykuł 12"));
  EXPECT_FALSE(contains(first, ">Artykuł 1<"));
  EXPECT_TRUE(contains(first, "href=\"/aktualnosci?strona=2\""));
  auto second = get("/aktualnosci?strona=2");
  EXPECT_EQ(second.status, 200);
  EXPECT_TRUE(contains(second, ">Artykuł 1<"));
}

TEST_F(PagesTest, FeedAndSitemapListPublishedArticles) {
  add_article("pierwszy", "title = \"Pierwszy & drugi\"\npublished = 2026-03-07T10:00:00Z", "x");
  add_article("przyszly", "title = \"Przyszły\"\npublished = 2999-03-07T10:00:00Z", "x");
  auto feed = get("/feed.atom");
  EXPECT_EQ(feed.headers.get("Content-Type"), "application/atom+xml; charset=utf-8");
  EXPECT_TRUE(contains(feed, "<title>Pierwszy &amp; drugi</title>"));
  EXPECT_TRUE(contains(feed, "<id>http://rynek.test/aktualnosci/pierwszy</id>"));
  EXPECT_FALSE(contains(feed, "Przyszły"));
  auto sitemap = get("/sitemap.xml");
  EXPECT_TRUE(contains(sitemap, "<loc>http://rynek.test/aktualnosci/pierwszy</loc>"));
  EXPECT_FALSE(contains(sitemap, "przyszly"));
}

TEST_F(PagesTest, CachedPageChangesWhenContentVersionMoves) {
  add_article("pierwszy", "title = \"Stary tytuł\"\npublished = 2026-03-07T10:00:00Z", "x");
  EXPECT_TRUE(contains(get("/"), "Stary tytuł"));
  EXPECT_EQ(cache_.size(), 1u);
  add_article("pierwszy", "title = \"Nowy tytuł\"\npublished = 2026-03-07T10:00:00Z", "x");
  EXPECT_TRUE(contains(get("/"), "Nowy tytuł"));
}

}  // namespace
}  // namespace rynek::web
