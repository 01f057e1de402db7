// CSRF is declared per route and enforced in one place, at dispatch
// (web/csrf.hpp): every POST route declares a protection (the attendance beacon
// is the one named exception), and the guard refuses a missing or wrong token
// for visitor forms and for back-office forms, for url-encoded and multipart
// bodies alike, with the "form has expired" page.
#include "web/csrf.hpp"

#include <gtest/gtest.h>

#include <set>

#include "accounts/account_store.hpp"
#include "accounts/session.hpp"
#include "app_fixture.hpp"
#include "web/forms.hpp"

namespace rynek::web {
namespace {

class CsrfTest : public test::AppTest {
 protected:
  const http::Route& route(std::string_view name) {
    for (const auto& r : router_.routes())
      if (r.name == name) return r;
    throw std::runtime_error("no route " + std::string(name));
  }
  http::Request post(const std::string& path, std::string body, std::string cookie = "",
                     std::string type = "application/x-www-form-urlencoded") {
    auto request = test::make_request(http::Method::post, path, {}, std::move(body));
    request.headers.add("Content-Type", type);
    if (!cookie.empty()) request.headers.add("Cookie", cookie);
    return request;
  }
  // A signed-in session; returns {cookie header, its csrf token}.
  std::pair<std::string, std::string> session() {
    auto values = accounts::make_session_values();
    db_->write_and_wait([&](store::Connection& db) {
      auto id = accounts::create_account(db, "a@rynek.test", "Admin", accounts::Role::admin, "",
                                         core::Clock::now());
      accounts::insert_session(db, values, id, "test", core::Clock::now());
    });
    return {std::string(admin::kSessionCookie) + "=" + values.cookie_value, values.csrf};
  }
};

TEST_F(CsrfTest, EveryPostRouteDeclaresItsProtection) {
  const std::set<std::string> exempt = {"participant.heartbeat"};  // a beacon without a form
  int posts = 0;
  for (const auto& r : router_.routes()) {
    if (r.method != http::Method::post) continue;
    ++posts;
    if (exempt.contains(r.name)) {
      EXPECT_EQ(r.csrf, http::Csrf::not_needed) << r.name;
    } else {
      EXPECT_NE(r.csrf, http::Csrf::not_needed) << r.name << " takes a form without a CSRF check";
    }
    if (r.pattern.starts_with("/admin") && r.name != "admin.login" &&
        !r.name.starts_with("admin.password")) {
      EXPECT_EQ(r.csrf, http::Csrf::session_form) << r.name;
    }
  }
  EXPECT_GT(posts, 20);
}

TEST_F(CsrfTest, AVisitorFormNeedsTheTokenMatchingItsCookie) {
  const auto& registration = route("seminars.register.submit");
  const std::string cookie_value(22, 'A');
  const std::string cookie = std::string(kCsrfCookie) + "=" + cookie_value;
  const auto token = secret_.csrf_token(cookie_value);

  EXPECT_FALSE(
      router_.check_csrf(post("/seminaria/x/rejestracja", "csrf=" + token, cookie), registration));
  for (const auto& [body, with_cookie] : std::vector<std::pair<std::string, std::string>>{
           {"name=x", cookie},                                            // no token
           {"csrf=" + token, ""},                                         // no cookie
           {"csrf=" + token + "x", cookie},                               // a wrong token
           {"csrf=", cookie},                                             // an empty one
           {"csrf=" + secret_.csrf_token(std::string(22, 'B')), cookie},  // another visitor's
       }) {
    auto refused =
        router_.check_csrf(post("/seminaria/x/rejestracja", body, with_cookie), registration);
    ASSERT_TRUE(refused) << body;
    EXPECT_EQ(refused->status, 403);
    EXPECT_NE(refused->body.find("Formularz wygasł"), std::string::npos) << refused->body;
    EXPECT_NE(refused->body.find("href=\"/seminaria/x/rejestracja\""), std::string::npos)
        << "links back to the form";
  }
  // A body that cannot be decoded at all is a bad request.
  auto unreadable =
      router_.check_csrf(post("/seminaria/x/rejestracja", "csrf=%zz", cookie), registration);
  ASSERT_TRUE(unreadable);
  EXPECT_EQ(unreadable->status, 400);
}

TEST_F(CsrfTest, ABackOfficeFormNeedsTheSessionsToken) {
  auto [cookie, token] = session();
  const auto& logout = route("admin.logout");
  EXPECT_FALSE(router_.check_csrf(post("/admin/wyloguj", "csrf=" + token, cookie), logout));
  auto wrong = router_.check_csrf(post("/admin/wyloguj", "csrf=" + token + "x", cookie), logout);
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  auto missing = router_.check_csrf(post("/admin/wyloguj", "", cookie), logout);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 403);
  // Without a session the back-office gate answers (login page): nothing to check here.
  EXPECT_FALSE(router_.check_csrf(post("/admin/wyloguj", "csrf=x"), logout));
}

TEST_F(CsrfTest, TheTokenIsReadFromMultipartBodiesToo) {
  auto [cookie, token] = session();
  const auto& create = route("admin.article.create");
  const std::string type = "multipart/form-data; boundary=XyZ";
  auto body = [](const std::string& csrf) {
    return "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf +
           "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nT\r\n--XyZ--\r\n";
  };
  EXPECT_FALSE(router_.check_csrf(post("/admin/artykuly/nowy", body(token), cookie, type), create));
  auto wrong = router_.check_csrf(post("/admin/artykuly/nowy", body("nope"), cookie, type), create);
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  auto broken =
      router_.check_csrf(post("/admin/artykuly/nowy", "--XyZ\r\njunk", cookie, type), create);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->status, 400);
}

}  // namespace
}  // namespace rynek::web
