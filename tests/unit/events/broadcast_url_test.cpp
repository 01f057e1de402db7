// The broadcast address check (issue 8, D26): parsed, not prefix-matched, and the
// origin for the participant page's CSP rebuilt from the parsed parts only.
#include "events/broadcast_url.hpp"

#include <gtest/gtest.h>

#include "events/seminar.hpp"

namespace rynek::events {
namespace {

using P = BroadcastUrlProblem;

P problem(std::string_view text) {
  return validate_broadcast_url(text).problem;
}

TEST(BroadcastUrl, PlainHttpLooksLikeLocalhostButIsAnotherHost) {
  EXPECT_EQ(problem("http://localhost.evil.example/live.m3u8"), P::plain_http_host);
  // Boost.URL 1.81 alone reads these as the IPv4 host 127.0.0.1 and a path
  // ".evil.example/...": the check sees that the host is not the whole authority.
  EXPECT_EQ(problem("http://127.0.0.1.evil.example/live.m3u8"), P::host);
  EXPECT_EQ(problem("https://127.0.0.1.evil.example/live.m3u8"), P::host);
  EXPECT_EQ(problem("http://127.0.0.1x/live.m3u8"), P::host);
  EXPECT_EQ(problem("http://[::1].evil.example/live.m3u8"), P::host);
  EXPECT_EQ(problem("http://localhost@evil.example/live.m3u8"), P::userinfo);
  EXPECT_FALSE(valid_link("http://localhost.evil.example/live.m3u8"));
}

TEST(BroadcastUrl, SemicolonCannotInjectACspDirective) {
  EXPECT_EQ(problem("https://evil.example;sandbox/live.m3u8"), P::forbidden_character);
  EXPECT_EQ(problem("https://evil.example/live.m3u8;script-src *"), P::forbidden_character);
  EXPECT_FALSE(valid_link("https://evil.example;sandbox/live.m3u8"));
}

TEST(BroadcastUrl, RefusesCharactersThatEndASourceOrAnAttribute) {
  for (std::string_view text :
       {"https://example.org/a b", "https://example.org/a,b", "https://example.org/\"x",
        "https://example.org/'x", "https://example.org/<x>", "https://example.org/\\x",
        "https://example.org/\r\nX: y", "https://example.org/\tx", " https://example.org",
        "https://example.org/\x7f", "https://example.org/\xc5\x82"}) {
    EXPECT_EQ(problem(text), P::forbidden_character) << text;
  }
}

TEST(BroadcastUrl, RefusesWhatIsNotAnHttpsAddressWithAHost) {
  EXPECT_EQ(problem(""), P::not_absolute);
  EXPECT_EQ(problem("example.org/live"), P::not_absolute);
  EXPECT_EQ(problem("https://"), P::host);
  EXPECT_EQ(problem("https:example.org"), P::not_absolute);
  EXPECT_EQ(problem("javascript:alert(1)"), P::not_absolute);
  EXPECT_EQ(problem("ftp://example.org/live"), P::scheme);
  EXPECT_EQ(problem("http://example.org/live"), P::plain_http_host);
  EXPECT_EQ(problem("https://user:secret@example.org/live"), P::userinfo);
  EXPECT_EQ(problem("https://@example.org/live"), P::userinfo);
  EXPECT_EQ(problem("https://exa%6dple.org/live"), P::host);
  EXPECT_EQ(problem("https://exa$mple.org/live"), P::host);
  EXPECT_EQ(problem("https://-example.org/"), P::host);
  EXPECT_EQ(problem("https://example..org/"), P::host);
  EXPECT_EQ(problem("https://" + std::string(64, 'a') + ".org/"), P::host);
  EXPECT_EQ(problem("https://[v1.x]/live"), P::host);
  EXPECT_EQ(problem("https://example.org:/live"), P::port);
  EXPECT_EQ(problem("https://example.org:0/live"), P::port);
  EXPECT_EQ(problem("https://example.org:99999/live"), P::port);
  EXPECT_EQ(problem("https://example.org/" + std::string(2000, 'a')), P::too_long);
}

TEST(BroadcastUrl, AcceptsHttpsAnywhereAndPlainHttpOnLoopback) {
  auto url = validate_broadcast_url("HTTPS://Stream.Example.ORG:8443/live/index.m3u8?t=1&x=2#a");
  ASSERT_TRUE(url);
  EXPECT_EQ(url.scheme, "https");
  EXPECT_EQ(url.host, "stream.example.org");
  EXPECT_EQ(url.port, "8443");
  EXPECT_EQ(url.origin, "https://stream.example.org:8443");

  EXPECT_EQ(validate_broadcast_url("https://www.youtube.com/watch?v=abc").origin,
            "https://www.youtube.com");
  EXPECT_EQ(validate_broadcast_url("http://localhost/live.m3u8").origin, "http://localhost");
  EXPECT_EQ(validate_broadcast_url("http://127.0.0.1:8080/live.m3u8").origin,
            "http://127.0.0.1:8080");
  EXPECT_EQ(validate_broadcast_url("http://[::1]:9000/live.m3u8").origin, "http://[::1]:9000");
  EXPECT_EQ(validate_broadcast_url("https://192.0.2.7/live.m3u8").origin, "https://192.0.2.7");
  EXPECT_EQ(validate_broadcast_url("https://example.org:0443/x").origin, "https://example.org:443");
}

TEST(BroadcastUrl, EveryProblemHasAText) {
  for (auto p : {P::too_long, P::forbidden_character, P::not_absolute, P::scheme, P::userinfo,
                 P::host, P::port, P::plain_http_host}) {
    EXPECT_NE(std::string_view(broadcast_url_problem_text(p)), "");
  }
}

}  // namespace
}  // namespace rynek::events
