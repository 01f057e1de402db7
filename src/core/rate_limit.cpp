#include "core/rate_limit.hpp"

#include <algorithm>
#include <functional>
#include <iterator>

namespace rynek::core {

bool RateLimiter::allow_at(const std::string& key, std::chrono::steady_clock::time_point now) {
  if (!enabled_) return true;
  Shard& shard = shards_[std::hash<std::string>{}(key) % shards_.size()];
  std::lock_guard lock(shard.mutex);
  auto refill = [&](Bucket& bucket) {
    double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    bucket.tokens = std::min(burst_, bucket.tokens + elapsed * per_second_);
    bucket.updated = now;
  };
  // Once a minute, forget buckets that are full again.
  if (now - shard.last_sweep > std::chrono::minutes(1)) {
    for (auto it = shard.buckets.begin(); it != shard.buckets.end();) {
      refill(it->second);
      it = it->second.tokens >= burst_ ? shard.buckets.erase(it) : std::next(it);
    }
    shard.last_sweep = now;
  }
  auto [it, inserted] = shard.buckets.try_emplace(key, Bucket{burst_, now});
  if (!inserted) refill(it->second);
  if (it->second.tokens < 1.0) return false;
  it->second.tokens -= 1.0;
  return true;
}

}  // namespace rynek::core
