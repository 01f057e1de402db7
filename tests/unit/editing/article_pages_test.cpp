// In-process tests of the article pages: handlers called directly with a fake
// editor session, a real SQLite file, templates and media store, no socket.
#include <gtest/gtest.h>

#include "../content/test_image.hpp"
#include "../web/app_fixture.hpp"
#include "content/article.hpp"
#include "web/admin/articles.hpp"
#include "web/news.hpp"

namespace rynek::web::admin {
namespace {

namespace fs = std::filesystem;
using content::test::make_image;
using test::contains;
using test::FilePart;
using test::kBoundary;
using test::multipart;

class ArticlePagesTest : public test::AppTest {
 protected:
  void SetUp() override {
    test::AppTest::SetUp();
    db_->write_and_wait([](store::Connection& c) {
      c.execute(
          "INSERT INTO accounts (id, email, name, role, created_at) VALUES"
          " (7, 'ed@example.org', 'Edyta', 'editor', '2026-01-01T00:00:00Z')");
    });
    session_.account.id = 7;
    session_.account.name = "Edyta";
    session_.account.role = accounts::Role::editor;
    session_.csrf = "csrf-token";
  }

  http::Request request(http::Method method, const std::string& path,
                        std::map<std::string, std::string> params = {}) {
    auto r = test::make_request(method, path, std::move(params));
    r.headers.add("Cookie", "lang=en");
    return r;
  }

  http::Response post(AsyncHandler handler, const std::string& path,
                      std::map<std::string, std::string> params, const std::string& body) {
    auto r = request(http::Method::post, path, std::move(params));
    r.headers.add("Content-Type", "multipart/form-data; boundary=" + std::string(kBoundary));
    r.body = body;
    return run_async(handler, r, session_);
  }

  http::Response create(std::vector<std::pair<std::string, std::string>> fields,
                        std::vector<FilePart> files = {}) {
    return post(article_save, "/admin/artykuly/nowy", {}, multipart(fields, files));
  }

  Session session_;
};

TEST_F(ArticlePagesTest, CreatesAndPublishesAnArticleWithAnAuditEntry) {
  auto response = create({{"csrf", "csrf-token"},
                          {"title", "Budżet obywatelski 2026"},
                          {"lead", "Lead"},
                          {"body", "**Treść**"},
                          {"tags", "Budżet, Miasto"},
                          {"published_at", ""},
                          {"action", "publish"}});
  ASSERT_EQ(response.status, 303) << response.body;
  EXPECT_EQ(response.headers.get("Location").value_or(""),
            "/admin/artykuly/1?zapisano=opublikowano");
  auto now = core::Clock::now();
  auto article = db_->read([&](store::Connection& c) {
    return content::find_article(c, "budzet-obywatelski-2026", now);
  });
  ASSERT_TRUE(article);
  EXPECT_EQ(article->tags.size(), 2u);
  EXPECT_EQ(
      count("SELECT count(*) FROM audit_log WHERE action = 'article.create' AND account_id = 7"),
      1);
  EXPECT_EQ(count("SELECT count(*) FROM articles WHERE status = 'published'"), 1);
}

TEST_F(ArticlePagesTest, InvalidFormIsShownAgainWithValuesAndErrors) {
  auto response = create(
      {{"title", ""}, {"lead", "Zachowany lead"}, {"published_at", "jutro"}, {"action", "save"}});
  EXPECT_EQ(response.status, 422);
  EXPECT_TRUE(contains(response, "error-summary"));
  EXPECT_TRUE(contains(response, "href=\"#title\""));
  EXPECT_TRUE(contains(response, "href=\"#published_at\""));
  EXPECT_TRUE(contains(response, "aria-invalid=\"true\""));
  EXPECT_TRUE(contains(response, "Zachowany lead"));
  EXPECT_EQ(count("SELECT count(*) FROM articles"), 0);
}

TEST_F(ArticlePagesTest, DuplicateSlugIsAFieldError) {
  ASSERT_EQ(create({{"title", "Pierwszy"}, {"slug", "adres"}, {"action", "save"}}).status, 303);
  auto response = create({{"title", "Drugi"}, {"slug", "adres"}, {"action", "save"}});
  EXPECT_EQ(response.status, 409);
  EXPECT_TRUE(contains(response, "href=\"#slug\""));
  EXPECT_EQ(count("SELECT count(*) FROM articles"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 1);
}

TEST_F(ArticlePagesTest, HeroImageNeedsAltTextAndGetsVariants) {
  auto image = make_image(1000, 500);
  auto missing_alt =
      create({{"title", "Z obrazem"}, {"action", "save"}}, {{"hero", "a.png", image}});
  EXPECT_EQ(missing_alt.status, 422);
  EXPECT_TRUE(contains(missing_alt, "href=\"#hero_alt\""));
  auto response =
      create({{"title", "Z obrazem"}, {"hero_alt", "Rynek w Gnieźnie"}, {"action", "save"}},
             {{"hero", "C:\\fakepath\\a.png", image}});
  ASSERT_EQ(response.status, 303) << response.body;
  EXPECT_EQ(count("SELECT count(*) FROM articles WHERE hero_sha256 IS NOT NULL"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM media_variants"), 2);
}

TEST_F(ArticlePagesTest, HostileHeroImagesAreRefusedAndStoredNowhere) {
  auto script = create({{"title", "X"}, {"hero_alt", "x"}, {"action", "save"}},
                       {{"hero", "photo.png", "#!/bin/sh\nrm -rf ~\n"}});
  EXPECT_EQ(script.status, 422);
  EXPECT_TRUE(contains(script, "href=\"#hero\""));
  EXPECT_EQ(count("SELECT count(*) FROM media"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM articles"), 0);
  EXPECT_FALSE(fs::exists(config_.data_dir / "media"));
}

TEST_F(ArticlePagesTest, AttachmentsAreCheckedByContentAndRemovedOnlyFromTheirArticle) {
  ASSERT_EQ(create({{"title", "A"}, {"action", "save"}}).status, 303);
  ASSERT_EQ(create({{"title", "B"}, {"action", "save"}}).status, 303);
  auto script =
      post(article_attachment_add, "/admin/artykuly/1/zalaczniki", {{"id", "1"}},
           multipart({{"title", "Program"}}, {{"file", "program.pdf", "#!/bin/sh\necho pwned\n"}}));
  EXPECT_EQ(script.status, 422);
  EXPECT_EQ(count("SELECT count(*) FROM attachments"), 0);
  EXPECT_FALSE(fs::exists(config_.data_dir / "media"));
  auto pdf =
      std::string("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
  auto added = post(article_attachment_add, "/admin/artykuly/1/zalaczniki", {{"id", "1"}},
                    multipart({{"title", "Program"}}, {{"file", "../../program.pdf", pdf}}));
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_EQ(
      count("SELECT count(*) FROM attachments WHERE filename = 'program.pdf' AND article_id = 1"),
      1);
  auto other = post(article_attachment_remove, "/admin/artykuly/2/zalaczniki/1/usun",
                    {{"id", "2"}, {"file", "1"}}, multipart({}));
  EXPECT_EQ(other.status, 404);
  auto removed = post(article_attachment_remove, "/admin/artykuly/1/zalaczniki/1/usun",
                      {{"id", "1"}, {"file", "1"}}, multipart({}));
  EXPECT_EQ(removed.status, 303);
  EXPECT_EQ(count("SELECT count(*) FROM attachments"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action LIKE 'article.attachment_%'"), 2);
}

TEST_F(ArticlePagesTest, MalformedMultipartIsABadRequest) {
  auto response =
      post(article_save, "/admin/artykuly/nowy", {}, "--" + std::string(kBoundary) + "\r\nbroken");
  EXPECT_EQ(response.status, 400);
}

TEST_F(ArticlePagesTest, PreviewShowsADraftAndListShowsStatus) {
  ASSERT_EQ(create({{"title", "Szkic tekstu"}, {"body", "*ukryty*"}, {"action", "save"}}).status,
            303);
  auto r = request(http::Method::get, "/admin/artykuly/1/podglad", {{"id", "1"}});
  auto preview = article_preview(*app_, r, session_);
  EXPECT_EQ(preview.status, 200);
  EXPECT_TRUE(contains(preview, "<em>ukryty</em>"));
  EXPECT_TRUE(contains(preview, "preview-banner"));
  auto l = request(http::Method::get, "/admin/artykuly");
  auto list = articles_list(*app_, l, session_);
  EXPECT_TRUE(contains(list, "Szkic tekstu"));
  EXPECT_TRUE(contains(list, "status-draft"));
  auto missing = request(http::Method::get, "/admin/artykuly/99/podglad", {{"id", "99"}});
  EXPECT_EQ(article_preview(*app_, missing, session_).status, 404);
}

TEST_F(ArticlePagesTest, UnpublishTakesAnArticleDown) {
  ASSERT_EQ(create({{"title", "Na chwilę"}, {"action", "publish"}}).status, 303);
  auto response =
      post(article_save, "/admin/artykuly/1", {{"id", "1"}},
           multipart({{"title", "Na chwilę"}, {"action", "unpublish"}, {"revision", "1"}}));
  ASSERT_EQ(response.status, 303);
  EXPECT_EQ(count("SELECT count(*) FROM articles WHERE status = 'unpublished'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'article.unpublish'"), 1);
}

TEST_F(ArticlePagesTest, PreviewRendersTheUnsavedTextAndStoresNothing) {
  auto response = create({{"title", "Szkic"},
                          {"body", "## Rozdział\n\n*Kursywa*"},
                          {"published_at", "jutro"},
                          {"action", "preview"}},
                         {{"hero", "a.png", make_image(100, 50)}});
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(contains(response, "id=\"preview-title\""));
  EXPECT_TRUE(contains(response, "<h2>Rozdział</h2>"));
  EXPECT_TRUE(contains(response, "<em>Kursywa</em>"));
  EXPECT_TRUE(contains(response, "href=\"#published_at\""));  // errors shown, not blocking
  EXPECT_TRUE(contains(response, "value=\"Szkic\""));
  EXPECT_EQ(count("SELECT count(*) FROM articles"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM media"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 0);
  EXPECT_FALSE(fs::exists(config_.data_dir / "media"));
}

TEST_F(ArticlePagesTest, EveryWriteHandsTheContentVersionToThePageCache) {
  ASSERT_EQ(create({{"title", "A"}, {"action", "publish"}}).status, 303);
  auto version = [&] {
    return db_->read([](store::Connection& c) { return content::content_version(c); });
  };
  EXPECT_EQ(cache_.version(), version());
  auto added =
      post(article_attachment_add, "/admin/artykuly/1/zalaczniki", {{"id", "1"}},
           multipart({{"title", "Program"}}, {{"file", "program.pdf", "%PDF-1.4\n%%EOF\n"}}));
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_EQ(cache_.version(), version()) << "known before the redirect, not a poll later";
  auto removed = post(article_attachment_remove, "/admin/artykuly/1/zalaczniki/1/usun",
                      {{"id", "1"}, {"file", "1"}}, multipart({}));
  ASSERT_EQ(removed.status, 303) << removed.body;
  EXPECT_EQ(cache_.version(), version());
}

TEST_F(ArticlePagesTest, ThePublicArticleOffersTheHeroVariantsInSrcset) {
  ASSERT_EQ(create({{"title", "Z obrazem"},
                    {"slug", "z-obrazem"},
                    {"hero_alt", "Rynek"},
                    {"action", "publish"}},
                   {{"hero", "a.png", make_image(1000, 500)}})
                .status,
            303);
  auto r = request(http::Method::get, "/aktualnosci/z-obrazem", {{"slug", "z-obrazem"}});
  auto page = article_page(*app_, r);
  ASSERT_EQ(page.status, 200);
  auto variants = db_->read([](store::Connection& c) {
    return c.query(
        "SELECT v.variant_sha256, v.width, v.sha256 FROM media_variants v ORDER BY v.width");
  });
  ASSERT_EQ(variants.size(), 2u);
  std::string expected = "srcset=\"/media/" + variants[0].text(0) + "/image 480w, /media/" +
                         variants[1].text(0) + "/image 960w, /media/" + variants[0].text(2) +
                         "/image 1000w\"";
  EXPECT_TRUE(contains(page, expected)) << page.body;
  EXPECT_TRUE(contains(page, "width=\"1000\" height=\"500\""));
}

}  // namespace
}  // namespace rynek::web::admin
