#include "web/page_cache.hpp"

#include <fmt/format.h>

#include "http/finish.hpp"
#include "http/gzip.hpp"

namespace rynek::web {

namespace {

// The header block a plain GET gets for this entry, exactly as finish_response() would make it.
std::shared_ptr<const std::string> prepared_head(const PageCache::Entry& entry, bool gzip,
                                                 const http::SecurityPolicy& security) {
  http::Request request;
  if (gzip) request.headers.add("Accept-Encoding", "gzip");
  http::Response response;
  response.headers = entry.headers;
  response.shared_body = gzip ? entry.gzip_body : entry.body;
  response.body_is_gzip = gzip;
  http::finish_response(request, response, security);
  return std::make_shared<const std::string>(http::serialize_head(response));
}

}  // namespace

http::Response PageCache::respond(const Entry& entry, const http::Request& request) const {
  http::Response response;
  response.status = entry.status;
  // A plain GET is answered from the prepared header block (see http::Response::raw_head),
  // so the header list is only copied for HEAD and conditional requests.
  bool plain_get = request.method == http::Method::get && !request.headers.has("If-None-Match");
  if (!plain_get) response.headers = entry.headers;
  if (entry.gzip_body && http::accepts_gzip(request.header("Accept-Encoding"))) {
    response.shared_body = entry.gzip_body;
    response.body_is_gzip = true;
    if (plain_get) response.raw_head = entry.gzip_head;
  } else {
    response.shared_body = entry.body;
    if (plain_get) response.raw_head = entry.head;
  }
  return response;
}

http::Response PageCache::get_or_render(
    const std::string& key, const http::Request& request,
    const std::function<http::Response(core::TimePoint& expires)>& render) {
  auto now = core::Clock::now();
  std::int64_t version = this->version();
  {
    std::shared_lock lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end() && it->second->version == version && now < it->second->expires) {
      return respond(*it->second, request);
    }
  }
  core::TimePoint expires = now + std::chrono::hours(24);
  http::Response rendered = render(expires);
  if (rendered.status != 200 || rendered.body_is_gzip) return rendered;
  auto entry = std::make_shared<Entry>();
  entry->status = rendered.status;
  entry->headers = rendered.headers;
  entry->body = std::make_shared<const std::string>(std::string(rendered.body_view()));
  auto content_type = rendered.headers.get("Content-Type").value_or("");
  if (entry->body->size() >= 512 && http::is_compressible(content_type)) {
    entry->gzip_body = std::make_shared<const std::string>(http::gzip_compress(*entry->body));
  }
  entry->etag = fmt::format("\"{}-{:x}\"", version, std::hash<std::string>{}(*entry->body));
  entry->headers.set("ETag", entry->etag);
  entry->headers.set("Cache-Control", "no-cache");
  entry->version = version;
  entry->head = prepared_head(*entry, false, security_);
  if (entry->gzip_body) entry->gzip_head = prepared_head(*entry, true, security_);
  entry->expires = expires;
  {
    std::unique_lock lock(mutex_);
    if (entries_.size() >= max_entries_) entries_.clear();  // crude, but bounded
    entries_[key] = entry;
  }
  return respond(*entry, request);
}

void PageCache::set_version(std::int64_t version) {
  std::int64_t current = version_.load();
  while (version > current && !version_.compare_exchange_weak(current, version)) {
  }
}

void PageCache::clear() {
  std::unique_lock lock(mutex_);
  entries_.clear();
}

std::size_t PageCache::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

}  // namespace rynek::web
