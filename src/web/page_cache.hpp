// Public pages are rendered once per (language, target, content version) and then
// served from memory, plain and gzip-compressed, until content changes.
//
// The content version is a counter in the database that every content write
// bumps. Writers in this process call invalidate(); a poller (watch()) reads the
// counter once a second, so an import run by another process, or another
// instance sharing the database, is seen within a second. Entries also expire
// when the next scheduled publication time passes. Personalised pages are never
// given to the cache.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>

#include "core/clock.hpp"
#include "http/finish.hpp"
#include "http/message.hpp"

namespace rynek::web {

class PageCache {
 public:
  // `security` is what the server adds to every response (http::ServerOptions), so
  // that the prepared header blocks say the same.
  explicit PageCache(std::size_t max_entries = 4096, http::SecurityPolicy security = {})
      : max_entries_(max_entries), security_(security) {}

  struct Entry {
    int status = 200;
    http::Headers headers;  // as rendered, plus ETag and Cache-Control
    std::shared_ptr<const std::string> body;
    std::shared_ptr<const std::string> gzip_body;
    std::string etag;
    // Complete header blocks for the fast path (http::Response::raw_head).
    std::shared_ptr<const std::string> head;
    std::shared_ptr<const std::string> gzip_head;
    std::int64_t version = 0;
    core::TimePoint expires;
  };

  // Returns the cached response for key, or renders it with `render` and keeps it
  // (when it is a 200). `expires` is when the entry must be rendered again.
  http::Response get_or_render(
      const std::string& key, const http::Request& request,
      const std::function<http::Response(core::TimePoint& expires)>& render);

  std::int64_t version() const { return version_.load(std::memory_order_acquire); }
  // Adopts a newer content version (from a write in this process or the poller).
  void set_version(std::int64_t version);
  void clear();
  std::size_t size() const;

 private:
  http::Response respond(const Entry& entry, const http::Request& request) const;

  std::size_t max_entries_;
  http::SecurityPolicy security_;
  std::atomic<std::int64_t> version_{0};
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<const Entry>, std::less<>> entries_;
};

}  // namespace rynek::web
