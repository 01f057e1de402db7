// Issue 8, D27 through the router: cookies and Strict-Transport-Security follow the
// base URL's scheme, and guessed password-reset links are rate-limited like
// personal links.
#include <gtest/gtest.h>

#include "app_fixture.hpp"
#include "web/cookies.hpp"

namespace rynek::web {
namespace {

using test::contains;

class HardeningTest : public test::AppTest {};

TEST_F(HardeningTest, EveryCookieIsSecureBehindHttps) {
  EXPECT_EQ(set_cookie_value(config_, "lang", "en", 31536000),
            "lang=en; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax");
  auto plain = get("/jezyk/en?next=/");
  EXPECT_EQ(plain.status, 303);
  EXPECT_EQ(plain.headers.get("Set-Cookie"),
            "lang=en; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax");

  config_.base_url = "https://rynek.example";
  EXPECT_EQ(set_cookie_value(config_, "rynek_session", "", 0),
            "rynek_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure");
  auto secure = get("/jezyk/pl?next=/");
  EXPECT_EQ(secure.headers.get("Set-Cookie"),
            "lang=pl; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax; Secure");
  auto login = get("/admin/logowanie");
  ASSERT_EQ(login.status, 200);
  bool saw_csrf = false;
  for (const auto& [name, value] : login.headers.all()) {
    if (name != "Set-Cookie") continue;
    EXPECT_TRUE(value.ends_with("; Secure")) << value;
    saw_csrf = saw_csrf || value.starts_with("rynek_csrf=");
  }
  EXPECT_TRUE(saw_csrf);
}

TEST_F(HardeningTest, SecurityPolicyFollowsTheBaseUrl) {
  EXPECT_FALSE(security_policy(config_).strict_transport_security);
  config_.base_url = "https://rynek.example";
  EXPECT_TRUE(security_policy(config_).strict_transport_security);
}

TEST_F(HardeningTest, CachedPagesCarryStrictTransportSecurityToo) {
  PageCache cache(16, security_policy(config_));
  http::SecurityPolicy https;
  https.strict_transport_security = true;
  PageCache secure_cache(16, https);
  auto request = test::make_request(http::Method::get, "/");
  auto render = [](core::TimePoint& expires) {
    expires = core::Clock::now() + std::chrono::hours(1);
    return http::Response::html(200, "<p>x</p>");
  };
  secure_cache.get_or_render("k", request, render);
  auto hit = secure_cache.get_or_render("k", request, render);
  ASSERT_TRUE(hit.raw_head);
  EXPECT_NE(hit.raw_head->find("Strict-Transport-Security: max-age=31536000\r\n"),
            std::string::npos);
  cache.get_or_render("k", request, render);
  auto plain = cache.get_or_render("k", request, render);
  ASSERT_TRUE(plain.raw_head);
  EXPECT_EQ(plain.raw_head->find("Strict-Transport-Security"), std::string::npos);
}

TEST_F(HardeningTest, GuessedResetLinksGet429LikePersonalLinks) {
  const std::string guess = "/admin/haslo/" + std::string(43, 'A');
  int not_found = 0;
  int limited = 0;
  for (int i = 0; i < 40; ++i) {
    auto response = get(guess);
    if (response.status == 404) ++not_found;
    if (response.status == 429) {
      ++limited;
      EXPECT_TRUE(contains(response, "Zbyt wiele")) << response.body_view();
    }
  }
  // The miss bucket holds 20 and refills at 30 a minute: a slow (sanitizer) run may
  // get one or two more 404s, never many.
  EXPECT_GE(not_found, 20);
  EXPECT_LE(not_found, 23);
  EXPECT_EQ(not_found + limited, 40);
  // The same bucket as personal links: a guesser cannot switch to /u/ links.
  EXPECT_EQ(get("/u/" + std::string(22, 'A')).status, 429);
}

}  // namespace
}  // namespace rynek::web
