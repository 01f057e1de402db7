// In-process request tests: router, handlers and views with a real SQLite file,
// no socket (the layer between unit tests and the black-box integration tests).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "content/import.hpp"
#include "core/i18n.hpp"
#include "http/finish.hpp"
#include "http/url.hpp"
#include "web/app.hpp"

namespace rynek::web {
namespace {

namespace fs = std::filesystem;

class PagesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { core::init_i18n(fs::path(RYNEK_BINARY_DIR) / "locale"); }

  void SetUp() override {
    root_ = fs::temp_directory_path() / ("rynek-pages-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    config_.base_url = "http://rynek.test";
    config_.data_dir = root_ / "data";
    store::OpenOptions options;
    options.url = "sqlite:" + (root_ / "test.db").string();
    options.migrations_dir = std::string(RYNEK_SOURCE_DIR) + "/migrations/sqlite";
    options.synchronous_full = false;
    fs::create_directories(root_);
    db_ = store::open_database(options);
    db_->migrate();
    media_ = std::make_unique<content::MediaStore>(config_.data_dir);
    templates_ = std::make_unique<view::Templates>(
        fs::path(RYNEK_SOURCE_DIR) / "templates",
        [](const std::string& lang, const std::string& msgid) { return core::translate(lang, msgid); });
    static_files_ = std::make_unique<http::StaticFiles>(fs::path(RYNEK_SOURCE_DIR) / "static");
    app_ = std::make_unique<App>(App{config_, *db_, *templates_, *static_files_, *media_, cache_, secret_, limits_});
    router_ = make_router(*app_);
  }

  void TearDown() override {
    db_->close();
    fs::remove_all(root_);
  }

  void add_article(const std::string& slug, const std::string& front_matter, const std::string& body) {
    auto dir = root_ / "content" / "articles";
    fs::create_directories(dir);
    std::ofstream(dir / (slug + ".md")) << "+++\n" << front_matter << "\n+++\n" << body;
    auto report = content::import_articles(*db_, *media_, root_ / "content");
    ASSERT_TRUE(report.errors.empty()) << report.errors.front();
    cache_.set_version(db_->read([](store::Connection& c) {
      return c.query_one("SELECT value FROM meta WHERE key = 'content_version'")->integer(0);
    }));
  }

  http::Response get(const std::string& target, const std::string& cookie = "") {
    http::Request request;
    request.method = http::Method::get;
    request.target = target;
    auto decoded = http::decode_target(target);
    EXPECT_TRUE(decoded);
    request.path = decoded->path;
    request.query_string = decoded->query_string;
    request.query = decoded->query;
    if (!cookie.empty()) request.headers.add("Cookie", cookie);
    auto match = router_.match(request.method, request.path);
    http::Response response;
    if (auto* found = std::get_if<http::RouteMatch>(&match)) {
      request.params = found->params;
      response = std::get<http::SyncHandler>(found->route->handler)(request);
    } else {
      response = render_error(*app_, 404, &request);
    }
    http::finish_response(request, response);
    if (response.raw_head) {
      // A page-cache hit carries its prepared header block instead of a header list.
      std::istringstream head(*response.raw_head);
      std::string line;
      std::getline(head, line);
      while (std::getline(head, line) && line != "\r") {
        auto colon = line.find(": ");
        response.headers.add(line.substr(0, colon), line.substr(colon + 2, line.size() - colon - 3));
      }
    }
    return response;
  }

  fs::path root_;
  core::Config config_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<content::MediaStore> media_;
  std::unique_ptr<view::Templates> templates_;
  std::unique_ptr<http::StaticFiles> static_files_;
  PageCache cache_;
  core::Secret secret_{std::string(32, 's')};
  RateLimits limits_;
  std::unique_ptr<App> app_;
  http::Router router_;
};

bool contains(const http::Response& response, std::string_view text) {
  return response.body_view().find(text) != std::string_view::npos;
}

TEST_F(PagesTest, ArticlePageShowsTitleBodyDateAndOtherArticles) {
  add_article("pierwszy", "title = \"Pierwszy artykuł\"\npublished = 2026-03-07T10:00:00Z", "Treść *pierwszego*.");
  add_article("drugi", "title = \"Drugi artykuł\"\npublished = 2026-03-08T10:00:00Z", "Treść drugiego.");
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
  add_article("xss",
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
