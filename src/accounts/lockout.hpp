// Throttling of password guessing per e-mail address: after kMaxFailures failed
// logins within kFailureWindow the address is locked for kLockDuration, whether
// or not an account has it (so the lock reveals nothing). While locked, no
// password is checked at all. A successful login clears the count. The per-client
// rate limit on the login form (web side) covers guessing across many addresses.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace rynek::accounts {

inline constexpr int kMaxFailures = 5;
inline constexpr std::chrono::seconds kFailureWindow = std::chrono::minutes(15);
inline constexpr std::chrono::seconds kLockDuration = std::chrono::minutes(15);

struct FailureState {
  int count = 0;
  core::TimePoint first_failed_at;
  std::optional<core::TimePoint> locked_until;
};

bool is_locked(const std::optional<FailureState>& state, core::TimePoint now);
// The state after one more failure at `now`.
FailureState after_failure(const std::optional<FailureState>& state, core::TimePoint now);

std::optional<FailureState> load_failures(store::Connection& db, std::string_view email);
// Inside write jobs. record_failure returns the new state.
FailureState record_failure(store::Connection& db, std::string_view email, core::TimePoint now);
void clear_failures(store::Connection& db, std::string_view email);

}  // namespace rynek::accounts
