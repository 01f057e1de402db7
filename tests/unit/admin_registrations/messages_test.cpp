#include "web/admin/messages.hpp"

#include <gtest/gtest.h>

namespace rynek::web::admin {
namespace {

TEST(Messages, SubjectAndBodyLimitsCountCharacters) {
  EXPECT_EQ(message_error("Temat", "Treść"), nullptr);
  EXPECT_NE(message_error(" ", "Treść"), nullptr);
  EXPECT_NE(message_error("Temat", "  \n"), nullptr);
  EXPECT_NE(message_error("Temat\r\nBcc: x@example.org", "Treść"), nullptr);
  EXPECT_NE(message_error("Temat\n", "Treść"), nullptr);
  std::string subject;
  for (int i = 0; i < 200; ++i) subject += "ż";  // 400 bytes, 200 characters
  EXPECT_EQ(message_error(subject, "x"), nullptr);
  EXPECT_NE(message_error(subject + "a", "x"), nullptr);
  EXPECT_EQ(message_error("x", std::string(10000, 'a')), nullptr);
  EXPECT_NE(message_error("x", std::string(10001, 'a')), nullptr);
}

TEST(Messages, BodySplitsIntoParagraphsOfLines) {
  auto paragraphs = body_paragraphs("Dzień dobry,\r\n\r\nsala 12\r\npiętro 2\n\n\n<b>koniec</b>\n");
  ASSERT_EQ(paragraphs.size(), 3u);
  EXPECT_EQ(paragraphs[0], std::vector<std::string>{"Dzień dobry,"});
  EXPECT_EQ(paragraphs[1], (std::vector<std::string>{"sala 12", "piętro 2"}));
  EXPECT_EQ(paragraphs[2], std::vector<std::string>{"<b>koniec</b>"});
}

}  // namespace
}  // namespace rynek::web::admin
