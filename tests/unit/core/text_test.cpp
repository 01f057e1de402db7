#include "core/text.hpp"

#include <gtest/gtest.h>

namespace rynek::core {
namespace {

TEST(Utf8, AcceptsValidText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("Zażółć gęślą jaźń"));
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));  // U+1F600
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF, just below surrogates
  EXPECT_TRUE(is_valid_utf8(std::string_view("a\0b", 3)));
}

TEST(Utf8, RejectsInvalidText) {
  for (const char* bad : {"\xC0\xAF", "\xC1\xBF",                  // overlong two-byte
                          "\xE0\x80\xAF", "\xE0\x9F\xBF",          // overlong three-byte
                          "\xF0\x80\x80\xAF", "\xF0\x8F\xBF\xBF",  // overlong four-byte
                          "\xED\xA0\x80", "\xED\xBF\xBF",          // surrogates
                          "\xF4\x90\x80\x80",                      // above U+10FFFF
                          "\xF5\x80\x80\x80", "\xF8\x88\x80\x80\x80", "\xFF",  // 0xF5 and above
                          "\x80", "abc\xBF",                   // stray continuation bytes
                          "\xC3", "\xE2\x82", "\xF0\x9F\x98",  // truncated
                          "\xC3\x28", "\xE2\x28\xA1"}) {       // bad continuation
    EXPECT_FALSE(is_valid_utf8(bad)) << testing::PrintToString(std::string(bad));
  }
}

TEST(HtmlEscape, EscapesTheFiveCharacters) {
  EXPECT_EQ(html_escape(R"(<a href="x">Tom & 'Jerry'</a>)"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
  EXPECT_EQ(html_escape("zwykły tekst"), "zwykły tekst");
}

TEST(Slugify, TransliteratesPolishAndCollapsesPunctuation) {
  EXPECT_EQ(slugify("Zażółć gęślą jaźń!"), "zazolc-gesla-jazn");
  // What slugify makes is a slug; the checks imports and forms use agree with it.
  EXPECT_TRUE(is_slug(slugify("Zażółć gęślą jaźń!")));
  EXPECT_TRUE(is_slug("forum-2026"));
  EXPECT_FALSE(is_slug(""));
  EXPECT_FALSE(is_slug("-a"));
  EXPECT_FALSE(is_slug("a-"));
  EXPECT_FALSE(is_slug("a--b"));
  EXPECT_FALSE(is_slug("Duze"));
  EXPECT_FALSE(is_slug("a_b"));
  EXPECT_FALSE(is_slug("ż"));
  EXPECT_TRUE(is_slug(std::string(kMaxSlugLength, 'a')));
  EXPECT_FALSE(is_slug(std::string(kMaxSlugLength + 1, 'a')));
  EXPECT_EQ(slugify("ZAŻÓŁĆ GĘŚLĄ JAŹŃ"), "zazolc-gesla-jazn");
  EXPECT_EQ(slugify("  --Rynek 2026: nowe   miasta--  "), "rynek-2026-nowe-miasta");
  EXPECT_EQ(slugify("Łódź, Kraków & Gdańsk"), "lodz-krakow-gdansk");
  EXPECT_EQ(slugify("Straße café"), "strasse-cafe");
  EXPECT_EQ(slugify("!!!"), "");
  EXPECT_EQ(slugify(""), "");
}

TEST(Slugify, LimitsLengthWithoutTrailingDash) {
  const std::string slug = slugify(std::string(70, 'a') + " " + std::string(30, 'b'));
  EXPECT_LE(slug.size(), 80U);
  EXPECT_NE(slug.back(), '-');
  EXPECT_EQ(slug.substr(0, 71), std::string(70, 'a') + "-");
  EXPECT_EQ(slugify(std::string(79, 'a') + " b"), std::string(79, 'a'));
}

TEST(Strings, LowerTrimSplit) {
  EXPECT_EQ(to_lower_ascii("HeLLo ŻÓŁW"), "hello ŻÓŁw");
  EXPECT_EQ(trim(" \t hello \r\n"), "hello");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(split("a,,b", ','), (std::vector<std::string_view>{"a", "", "b"}));
  EXPECT_EQ(split("", ','), (std::vector<std::string_view>{""}));
  EXPECT_EQ(split("a,", ','), (std::vector<std::string_view>{"a", ""}));
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(FormatSize, PolishAndEnglish) {
  EXPECT_EQ(format_size(0, "pl"), "0 B");
  EXPECT_EQ(format_size(512, "pl"), "512 B");
  EXPECT_EQ(format_size(999, "pl"), "999 B");
  EXPECT_EQ(format_size(1000, "pl"), "1 kB");
  EXPECT_EQ(format_size(1024, "pl"), "1 kB");
  EXPECT_EQ(format_size(12 * 1000 + 100, "pl"), "12 kB");
  EXPECT_EQ(format_size(1200000, "pl"), "1,2 MB");
  EXPECT_EQ(format_size(1200000, "en"), "1.2 MB");
  EXPECT_EQ(format_size(999999, "en"), "1 MB");
  EXPECT_EQ(format_size(5300000000ULL, "pl"), "5,3 GB");
}

TEST(ParsePositiveId, DigitsOnlyAboveZeroWithinInt64) {
  EXPECT_EQ(parse_positive_id("42"), 42);
  EXPECT_EQ(parse_positive_id("9223372036854775807"), INT64_MAX);
  for (std::string_view bad :
       {"", "0", "-1", "+5", " 5", "5 ", "12a", "9223372036854775808", "0x10"}) {
    EXPECT_EQ(parse_positive_id(bad), std::nullopt) << '"' << bad << '"';
  }
}

}  // namespace
}  // namespace rynek::core
