// The web application: what every handler shares (configuration, database,
// templates, static files, media, page cache), and the one route table.
#pragma once

#include <memory>
#include <string>

#include "content/media.hpp"
#include "core/config.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "store/database.hpp"
#include "view/templates.hpp"
#include "web/page_cache.hpp"

namespace rynek::web {

struct App {
  const core::Config& config;
  store::Database& db;
  const view::Templates& templates;
  const http::StaticFiles& static_files;
  const content::MediaStore& media;
  PageCache& cache;
};

// Every route Rynek serves, with method, pattern, stable name, handler and limits.
http::Router make_router(App& app);

// The error page for a status in the visitor's language (the default one when
// the request could not be parsed).
http::Response render_error(const App& app, int status, const http::Request* request);

}  // namespace rynek::web
