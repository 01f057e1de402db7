#include "core/i18n.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace rynek::core {
namespace {

TimePoint at(std::string_view iso) {
  return *parse_iso8601(iso);
}

class I18n : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { init_i18n(RYNEK_BINARY_DIR "/locale"); }
};

TEST_F(I18n, TranslatesToPolish) {
  EXPECT_EQ(translate("pl", "Skip to main content"), "Przejdź do treści");
  EXPECT_EQ(translate("pl", "Home"), "Strona główna");
  EXPECT_EQ(translate("pl", "Main navigation"), "Nawigacja główna");
}

TEST_F(I18n, FallsBackToMessageId) {
  EXPECT_EQ(translate("pl", "No such message"), "No such message");
  EXPECT_EQ(translate("en", "Home"), "Home");
  EXPECT_EQ(translate("de", "Home"), "Home");
  EXPECT_EQ(translate_plural("en", "%1% article", "%1% articles", 1), "1 article");
  EXPECT_EQ(translate_plural("en", "%1% article", "%1% articles", 5), "5 articles");
  EXPECT_EQ(translate_plural("pl", "%1% apple", "%1% apples", 5), "5 apples");
}

TEST_F(I18n, PolishPluralForms) {
  const std::vector<std::pair<long, std::string>> cases = {{0, "artykułów"},
                                                           {1, "artykuł"},
                                                           {2, "artykuły"},
                                                           {4, "artykuły"},
                                                           {5, "artykułów"},
                                                           {12, "artykułów"},
                                                           {22, "artykuły"},
                                                           {25, "artykułów"},
                                                           {101, "artykułów"},
                                                           {112, "artykułów"},
                                                           {1000000000042L, "artykuły"}};
  for (const auto& [n, word] : cases) {
    EXPECT_EQ(translate_plural("pl", "%1% article", "%1% articles", n),
              std::to_string(n) + " " + word)
        << n;
  }
}

TEST_F(I18n, TranslateIsSafeFromManyThreads) {
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 2000; ++j) {
        if (translate("pl", "News") != "Aktualności") ++wrong;
        if (format_time("pl", at("2026-03-07T10:00:00Z")) != "11:00") ++wrong;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(Dates, PolishUsesGenitiveMonthAndWarsawTime) {
  EXPECT_EQ(format_datetime("pl", at("2026-03-07T10:00:00Z")), "7 marca 2026, godz. 11:00");  // CET
  EXPECT_EQ(format_datetime("pl", at("2026-07-07T09:00:00Z")),
            "7 lipca 2026, godz. 11:00");  // CEST
  EXPECT_EQ(format_datetime("pl", at("2026-03-06T23:30:00Z")),
            "7 marca 2026, godz. 00:30");  // next day locally
  EXPECT_EQ(format_datetime("pl", at("2026-10-25T00:30:00Z")), "25 października 2026, godz. 02:30");
  EXPECT_EQ(format_date("pl", at("2026-12-31T23:00:00Z")), "1 stycznia 2027");
  EXPECT_EQ(format_time("pl", at("2026-07-07T09:05:00Z")), "11:05");
}

TEST(Dates, English) {
  EXPECT_EQ(format_datetime("en", at("2026-03-07T10:00:00Z")), "7 March 2026, 11:00");
  EXPECT_EQ(format_datetime("en", at("2026-07-07T09:00:00Z")), "7 July 2026, 11:00");
  EXPECT_EQ(format_date("en", at("2026-03-06T23:30:00Z")), "7 March 2026");
  EXPECT_EQ(format_time("en", at("2026-03-06T23:30:00Z")), "00:30");
}

TEST(Languages, Supported) {
  EXPECT_TRUE(is_supported_language("pl"));
  EXPECT_TRUE(is_supported_language("en"));
  EXPECT_FALSE(is_supported_language("de"));
  EXPECT_FALSE(is_supported_language(""));
}

}  // namespace
}  // namespace rynek::core
