#include "core/rate_limit.hpp"

#include <gtest/gtest.h>

namespace rynek::core {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, AllowsBurstThenRefusesUntilRefilled) {
  RateLimiter limiter(60, 3);  // one a second, three at once
  auto t0 = std::chrono::steady_clock::time_point{} + 1h;
  EXPECT_TRUE(limiter.allow_at("a", t0));
  EXPECT_TRUE(limiter.allow_at("a", t0));
  EXPECT_TRUE(limiter.allow_at("a", t0));
  EXPECT_FALSE(limiter.allow_at("a", t0));
  EXPECT_TRUE(limiter.allow_at("b", t0)) << "keys are independent";
  EXPECT_FALSE(limiter.allow_at("a", t0 + 500ms));
  EXPECT_TRUE(limiter.allow_at("a", t0 + 1s));
  EXPECT_FALSE(limiter.allow_at("a", t0 + 1s));
}

TEST(RateLimiter, NeverExceedsBurstAfterLongIdle) {
  RateLimiter limiter(60, 2);
  auto t0 = std::chrono::steady_clock::time_point{} + 1h;
  EXPECT_TRUE(limiter.allow_at("a", t0));
  auto later = t0 + 24h;
  EXPECT_TRUE(limiter.allow_at("a", later));
  EXPECT_TRUE(limiter.allow_at("a", later));
  EXPECT_FALSE(limiter.allow_at("a", later));
}

TEST(RateLimiter, DisabledAllowsEverything) {
  RateLimiter limiter(1, 1);
  limiter.set_enabled(false);
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(limiter.allow("a"));
}

}  // namespace
}  // namespace rynek::core
