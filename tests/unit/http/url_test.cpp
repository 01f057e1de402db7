#include "http/url.hpp"

#include <gtest/gtest.h>

namespace rynek::http {
namespace {

TEST(DecodeTarget, DecodesPathAndQuery) {
  auto target = decode_target("/aktualno%C5%9Bci/forum?tag=miasta&q=a+b%26c");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->path, "/aktualności/forum");
  EXPECT_EQ(target->query_string, "tag=miasta&q=a+b%26c");
  ASSERT_EQ(target->query.size(), 2u);
  EXPECT_EQ(target->query[0], (std::pair<std::string, std::string>{"tag", "miasta"}));
  EXPECT_EQ(target->query[1], (std::pair<std::string, std::string>{"q", "a b&c"}));
}

TEST(DecodeTarget, RejectsInvalidUtf8InPathOrQuery) {
  EXPECT_FALSE(decode_target("/%C3%28"));
  EXPECT_FALSE(decode_target("/x?q=%FF"));
  EXPECT_FALSE(decode_target("/x?%C0%AF=1"));  // overlong '/'
}

TEST(DecodeTarget, RejectsNulAndMalformedEscapes) {
  EXPECT_FALSE(decode_target("/a%00b"));
  EXPECT_FALSE(decode_target("/a%zz"));
  EXPECT_FALSE(decode_target("/a%4"));
  EXPECT_FALSE(decode_target("http://example.com/"));
  EXPECT_FALSE(decode_target("*"));
  EXPECT_FALSE(decode_target(""));
}

TEST(DecodeTarget, KeepsDotSegmentsForTheHandlerToRefuse) {
  auto target = decode_target("/static/%2e%2e/etc/passwd");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->path, "/static/../etc/passwd");
}

TEST(DecodeForm, DecodesPairsWithPlusAsSpace) {
  auto form = decode_form("name=Jan+Kowalski&city=Pozna%C5%84&empty=");
  ASSERT_TRUE(form);
  ASSERT_EQ(form->size(), 3u);
  EXPECT_EQ((*form)[0].second, "Jan Kowalski");
  EXPECT_EQ((*form)[1].second, "Poznań");
  EXPECT_EQ((*form)[2].second, "");
  EXPECT_FALSE(decode_form("a=%ZZ"));
  EXPECT_FALSE(decode_form("a=%E2%82"));
}

// Found by tests/fuzz/form.cpp: a raw '#' started a URL fragment, so "a=1&#" was accepted
// as a=1, and "#jjj..." read out of bounds inside Boost.URL (ASan).
TEST(DecodeForm, RefusesRawHashInsteadOfDroppingTheRest) {
  EXPECT_FALSE(decode_form("comment=a#b"));
  EXPECT_FALSE(decode_form("#jjjjjjjjjjjjjjjjj"));
  EXPECT_FALSE(decode_form("a=1&#"));
  auto encoded = decode_form("comment=a%23b");
  ASSERT_TRUE(encoded);
  EXPECT_EQ((*encoded)[0].second, "a#b");
}

TEST(LocalPath, AcceptsOnlyPathsOnThisSite) {
  EXPECT_TRUE(is_local_path("/aktualnosci?strona=2"));
  EXPECT_FALSE(is_local_path("//evil.example/"));
  EXPECT_FALSE(is_local_path("https://evil.example/"));
  EXPECT_FALSE(is_local_path("/\\evil.example"));
  EXPECT_FALSE(is_local_path("/a\r\nSet-Cookie: x=1"));
  EXPECT_FALSE(is_local_path(""));
}

TEST(EncodeComponent, EscapesReservedAndNonAscii) {
  EXPECT_EQ(encode_component("a b/ł"), "a%20b%2F%C5%82");
}

}  // namespace
}  // namespace rynek::http
