// The participant page's CSP for an HLS broadcast (issue 8, D26): the one extra
// source is the origin rebuilt from the validated address, never the raw text,
// even for an address stored before the check was tightened.
#include "web/broadcast.hpp"

#include <gtest/gtest.h>

#include "http/finish.hpp"

namespace rynek::web {
namespace {

TEST(BroadcastCsp, AddsOnlyTheRebuiltOriginToMediaAndConnect) {
  auto csp = broadcast_csp("HTTPS://Stream.Example.ORG:0443/live/index.m3u8?token=a&b=c");
  EXPECT_NE(csp.find("media-src 'self' blob: https://stream.example.org:443;"), std::string::npos)
      << csp;
  EXPECT_NE(csp.find("connect-src 'self' https://stream.example.org:443;"), std::string::npos)
      << csp;
  // Nothing else of the address reaches the header.
  EXPECT_EQ(csp.find("live"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("token"), std::string::npos) << csp;
  EXPECT_EQ(csp.size(), std::string(http::kDefaultContentSecurityPolicy).size() +
                            2 * std::string(" https://stream.example.org:443").size());
}

TEST(BroadcastCsp, StoredHostileAddressesAddNoSourceAndNoPlayer) {
  for (std::string url :
       {"https://evil.example;sandbox/live.m3u8", "http://localhost.evil.example/live.m3u8",
        "https://evil.example,script-src/live.m3u8", "https://user@evil.example/live.m3u8"}) {
    EXPECT_EQ(broadcast_csp(url), "") << url;
    EXPECT_EQ(hls_origin(url), "") << url;
    EXPECT_EQ(parse_broadcast(url).kind, BroadcastKind::none) << url;
  }
}

TEST(BroadcastCsp, LoopbackHlsAndEmbeddedPlayers) {
  EXPECT_EQ(hls_origin("http://127.0.0.1:8080/live.m3u8"), "http://127.0.0.1:8080");
  EXPECT_EQ(broadcast_csp("https://www.youtube.com/watch?v=Rynek2026ab"), "");
  EXPECT_EQ(parse_broadcast("https://www.youtube.com/watch?v=Rynek2026ab").kind,
            BroadcastKind::youtube);
}

}  // namespace
}  // namespace rynek::web
