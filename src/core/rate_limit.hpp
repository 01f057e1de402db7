// Token-bucket rate limits kept in memory, keyed by a string (a client address,
// an e-mail address, ...). Each key may spend `burst` requests at once and gets
// them back at `per_minute` a minute. Buckets that have refilled completely are
// forgotten, so memory stays bounded by the number of recently active keys.
//
// With several instances behind a proxy each keeps its own buckets: the limit a
// client sees is at most the number of instances times this one, which is enough
// against abuse of public forms (the purpose here), not a quota system.
#pragma once

#include <array>
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace rynek::core {

class RateLimiter {
 public:
  RateLimiter(double per_minute, double burst) : per_second_(per_minute / 60.0), burst_(burst) {}

  // Takes one token for key; false when the key has none left (answer 429).
  bool allow(const std::string& key) { return allow_at(key, std::chrono::steady_clock::now()); }
  bool allow_at(const std::string& key, std::chrono::steady_clock::time_point now);

  void set_enabled(bool enabled) { enabled_ = enabled; }

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point updated;
  };
  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, Bucket> buckets;
    std::chrono::steady_clock::time_point last_sweep{};
  };

  double per_second_;
  double burst_;
  bool enabled_ = true;
  std::array<Shard, 16> shards_;
};

}  // namespace rynek::core
