#include "http/finish.hpp"

#include <gtest/gtest.h>

#include "http/gzip.hpp"

namespace rynek::http {
namespace {

Request request_with(std::string name, std::string value) {
  Request request;
  request.headers.add(std::move(name), std::move(value));
  return request;
}

TEST(FinishResponse, AddsSecurityHeadersToEveryResponse) {
  Request request;
  Response response = Response::text(404, "nope");
  finish_response(request, response);
  auto csp = response.headers.get("Content-Security-Policy");
  ASSERT_TRUE(csp);
  EXPECT_NE(csp->find("frame-ancestors 'none'"), std::string_view::npos);
  EXPECT_EQ(csp->find("unsafe-inline"), std::string_view::npos);
  EXPECT_EQ(response.headers.get("X-Content-Type-Options"), "nosniff");
  EXPECT_TRUE(response.headers.has("Referrer-Policy"));
}

TEST(FinishResponse, StrictTransportSecurityOnlyBehindHttps) {
  Request request;
  Response plain = Response::text(200, "ok");
  finish_response(request, plain);
  EXPECT_FALSE(plain.headers.has("Strict-Transport-Security"));
  SecurityPolicy https;
  https.strict_transport_security = true;
  for (int status : {200, 303, 404, 500}) {
    Response response = Response::text(status, "x");
    finish_response(request, response, https);
    EXPECT_EQ(response.headers.get("Strict-Transport-Security"), "max-age=31536000") << status;
  }
  Response refused = Response::text(400, "bad");
  add_security_headers(refused, https);
  EXPECT_TRUE(refused.headers.has("Strict-Transport-Security"));
}

TEST(HostHeader, ExactlyOneInHttp11AtMostOneInHttp10) {
  Headers none;
  Headers one;
  one.add("Host", "rynek.test");
  Headers two;
  two.add("Host", "rynek.test");
  two.add("host", "rynek.test");
  EXPECT_FALSE(host_header_valid(none, 11));
  EXPECT_TRUE(host_header_valid(one, 11));
  EXPECT_FALSE(host_header_valid(two, 11));
  EXPECT_TRUE(host_header_valid(none, 10));
  EXPECT_TRUE(host_header_valid(one, 10));
  EXPECT_FALSE(host_header_valid(two, 10));
  EXPECT_EQ(two.count("HOST"), 2u);
}

TEST(FinishResponse, MatchingEtagGives304WithoutBody) {
  auto request = request_with("If-None-Match", "\"other\", W/\"abc\"");
  Response response = Response::html(200, "<p>hello</p>");
  response.headers.set("ETag", "\"abc\"");
  finish_response(request, response);
  EXPECT_EQ(response.status, 304);
  EXPECT_TRUE(response.body_view().empty());
  EXPECT_EQ(response.headers.get("ETag"), "\"abc\"");
}

TEST(FinishResponse, OtherEtagKeeps200) {
  auto request = request_with("If-None-Match", "\"zzz\"");
  Response response = Response::html(200, "<p>hello</p>");
  response.headers.set("ETag", "\"abc\"");
  finish_response(request, response);
  EXPECT_EQ(response.status, 200);
}

TEST(FinishResponse, CompressesTextWhenAccepted) {
  std::string page(4000, 'a');
  auto request = request_with("Accept-Encoding", "br, gzip;q=0.8");
  Response response = Response::html(200, page);
  finish_response(request, response);
  EXPECT_EQ(response.headers.get("Content-Encoding"), "gzip");
  EXPECT_EQ(response.headers.get("Vary"), "Accept-Encoding");
  EXPECT_LT(response.body_view().size(), page.size());
  EXPECT_EQ(gzip_decompress(response.body_view()), page);
}

TEST(FinishResponse, LeavesBodyAloneWhenGzipRefusedOrBinary) {
  std::string page(4000, 'a');
  auto refused = request_with("Accept-Encoding", "gzip;q=0, identity");
  Response html = Response::html(200, page);
  finish_response(refused, html);
  EXPECT_FALSE(html.headers.has("Content-Encoding"));
  auto accepting = request_with("Accept-Encoding", "gzip");
  Response png = Response::text(200, page, "image/png");
  finish_response(accepting, png);
  EXPECT_FALSE(png.headers.has("Content-Encoding"));
}

TEST(AcceptsGzip, ParsesQualityValues) {
  EXPECT_TRUE(accepts_gzip("gzip, deflate"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0.000"));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip(""));
}

}  // namespace
}  // namespace rynek::http
