#include "mail/headers.hpp"

#include <gtest/gtest.h>

#include "core/text.hpp"
#include "mail/worker.hpp"
#include "mail_support.hpp"

namespace rynek::mail {
namespace {

std::vector<std::string> words_of(const std::string& encoded) {
  std::vector<std::string> words;
  std::size_t at = 0;
  while ((at = encoded.find("=?UTF-8?B?", at)) != std::string::npos) {
    std::size_t end = encoded.find("?=", at + 10) + 2;
    words.push_back(encoded.substr(at, end - at));
    at = end;
  }
  return words;
}

TEST(Headers, PlainAsciiSubjectStaysReadable) {
  EXPECT_EQ(encode_header_text("Seminar on Tuesday"), "Seminar on Tuesday");
}

TEST(Headers, PolishSubjectBecomesWholeCharacterEncodedWordsOfAtMost75) {
  const std::string subject =
      "Zażółć gęślą jaźń — potwierdzenie rejestracji na Forum Rozwoju Lokalnego, "
      "Łódź–Gdańsk–Kraków, źdźbło żółte";
  const std::string encoded = encode_header_text(subject);
  EXPECT_EQ(encoded.find_first_of("ąęłóśźżńć"), std::string::npos);
  const auto words = words_of(encoded);
  ASSERT_GT(words.size(), 2u);
  for (const auto& word : words) {
    EXPECT_LE(word.size(), 75u);
    // Each word must decode to whole characters on its own (RFC 2047, 5).
    EXPECT_TRUE(core::is_valid_utf8(test::decode_words(word))) << word;
  }
  std::string unfolded = encoded;
  for (std::size_t at; (at = unfolded.find("\r\n ")) != std::string::npos;) {
    unfolded.replace(at, 3, " ");
  }
  EXPECT_EQ(test::decode_words(unfolded), subject);
  // Folded onto continuation lines, and no other line breaks.
  EXPECT_NE(encoded.find("\r\n "), std::string::npos);
  for (std::size_t at = 0; (at = encoded.find('\n', at)) != std::string::npos; ++at) {
    EXPECT_EQ(encoded[at + 1], ' ');
  }
}

TEST(Headers, ControlCharactersCannotStartANewHeader) {
  const std::string encoded = encode_header_text("Hello\r\nBcc: victim@example.org\x01");
  EXPECT_EQ(encoded, "Hello  Bcc: victim@example.org");
  EXPECT_EQ(clean_header_text("a\rb\nc\td\x7f"), "a b c d");
  const std::string mailbox = format_mailbox("X\r\nBcc: victim@example.org", "a@example.org");
  EXPECT_EQ(mailbox, "\"X  Bcc: victim@example.org\" <a@example.org>");
}

TEST(Headers, DisplayNamesAreQuotedOrEncoded) {
  EXPECT_EQ(format_mailbox("", "a@example.org"), "a@example.org");
  EXPECT_EQ(format_mailbox("Jan \"Kowal\" Kowalski", "a@example.org"),
            "\"Jan \\\"Kowal\\\" Kowalski\" <a@example.org>");
  const std::string polish = format_mailbox("Łucja Żółć", "a@example.org");
  EXPECT_EQ(polish.rfind("=?UTF-8?B?", 0), 0u);
  EXPECT_EQ(test::decode_words(polish), "Łucja Żółć <a@example.org>");
}

TEST(Headers, AddressesWithSeparatorsOrLineBreaksAreRefused) {
  EXPECT_TRUE(is_valid_address("jan.kowalski+forum@example.org"));
  for (const char* bad : {"", "a", "@example.org", "a@", "a b@example.org", "a@example.org\r\n",
                          "a@example.org\r\nRCPT TO:<v@e.org>", "<a@example.org>",
                          "a@example.org,b@example.org", "a@example.org;b@example.org",
                          "a@b@example.org", "\"a\"@example.org", "żółć@example.org"}) {
    EXPECT_FALSE(is_valid_address(bad)) << bad;
  }
}

TEST(Headers, MailboxParsing) {
  auto box = parse_mailbox("Rynek <noreply@rynek.example>");
  EXPECT_EQ(box.name, "Rynek");
  EXPECT_EQ(box.address, "noreply@rynek.example");
  box = parse_mailbox("\"Forum, Rynek\" <a@b.example>");
  EXPECT_EQ(box.name, "Forum, Rynek");
  EXPECT_EQ(parse_mailbox("a@b.example").address, "a@b.example");
}

TEST(Headers, DateIsRfc5322InUtc) {
  auto t = core::parse_iso8601("2026-03-07T10:04:05Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_rfc5322_date(*t), "Sat, 07 Mar 2026 10:04:05 +0000");
}

TEST(Backoff, DoublesFromTheBaseUpToTheCeiling) {
  WorkerOptions options;
  options.base_backoff = std::chrono::seconds(15);
  options.max_backoff = std::chrono::seconds(100);
  EXPECT_EQ(retry_delay(options, 1).count(), 15);
  EXPECT_EQ(retry_delay(options, 2).count(), 30);
  EXPECT_EQ(retry_delay(options, 3).count(), 60);
  EXPECT_EQ(retry_delay(options, 4).count(), 100);
  EXPECT_EQ(retry_delay(options, 1000).count(), 100);
}

}  // namespace
}  // namespace rynek::mail
