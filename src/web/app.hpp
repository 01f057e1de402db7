// The web application: what every handler shares (configuration, database,
// templates, static files, media, page cache), and the one route table.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "content/media.hpp"
#include "content/settings.hpp"
#include "core/config.hpp"
#include "core/rate_limit.hpp"
#include "core/tokens.hpp"
#include "core/work_pool.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "store/database.hpp"
#include "view/templates.hpp"
#include "web/page_cache.hpp"

namespace rynek::web {

// Limits on public forms and personal links (see core/rate_limit.hpp).
struct RateLimits {
  core::RateLimiter form_posts{30, 10};    // per client address: registrations, confirmations
  core::RateLimiter per_email{6, 3};       // per e-mail address across seminars
  core::RateLimiter token_misses{30, 20};  // per client address: unknown personal/reset links
  core::RateLimiter heartbeats{10, 5};     // per personal link
  void set_enabled(bool enabled) {
    for (auto* limiter : {&form_posts, &per_email, &token_misses, &heartbeats})
      limiter->set_enabled(enabled);
  }
};

struct App {
  const core::Config& config;
  store::Database& db;
  const view::Templates& templates;
  const http::StaticFiles& static_files;
  const content::MediaStore& media;
  PageCache& cache;
  const core::Secret& secret;
  RateLimits& limits;
  // Slow work off the I/O threads (password hashing, image decoding); owned by serve().
  core::WorkPool& work_pool;
  // Called after a write that queued e-mail, so the mail worker wakes at once.
  std::function<void()> mail_queued = [] {};
  // The site settings as of the cache's content version (web/site_settings.hpp).
  std::shared_ptr<content::SettingsCache> settings_cache =
      std::make_shared<content::SettingsCache>();
};

// Every route Rynek serves, with method, pattern, stable name, handler and limits.
http::Router make_router(App& app);

// The error page for a status in the visitor's language (the default one when
// the request could not be parsed).
http::Response render_error(const App& app, int status, const http::Request* request);

}  // namespace rynek::web
