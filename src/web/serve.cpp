#include "web/serve.hpp"

#include <condition_variable>
#include <iostream>
#include <thread>

#include "content/article.hpp"
#include "content/import.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "http/server.hpp"
#include "web/app.hpp"

namespace rynek::web {
namespace {

std::unique_ptr<store::Database> open_store(const core::Config& config) {
  std::filesystem::create_directories(config.data_dir);
  store::OpenOptions options;
  options.url = config.database_url;
  options.migrations_dir = (config.resource_dir / "migrations" / "sqlite").string();
  auto db = store::open_database(options);
  for (const auto& name : db->migrate()) spdlog::info("applied migration {}", name);
  return db;
}

bool database_is_empty(store::Database& db) {
  return db.read([](store::Connection& c) { return !c.query_one("SELECT 1 FROM articles LIMIT 1"); });
}

// Polls the content version so that changes made by other processes reach the page cache.
class VersionWatcher {
 public:
  VersionWatcher(store::Database& db, PageCache& cache)
      : thread_([this, &db, &cache] {
          std::unique_lock lock(mutex_);
          while (!stopped_) {
            try {
              cache.set_version(db.read([](store::Connection& c) { return content::content_version(c); }));
            } catch (const std::exception& e) {
              spdlog::warn("content version poll failed: {}", e.what());
            }
            wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopped_; });
          }
        }) {}
  ~VersionWatcher() {
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopped_ = false;
  std::thread thread_;
};

}  // namespace

int serve(const core::Config& config, DemoContent demo) {
  auto started = std::chrono::steady_clock::now();
  auto db = open_store(config);
  content::MediaStore media(config.data_dir);
  if (demo == DemoContent::load_if_empty && database_is_empty(*db)) {
    auto report = content::import_articles(*db, media, config.resource_dir / "demo");
    for (const auto& error : report.errors) spdlog::error("demo content: {}", error);
    if (!report.errors.empty()) return 1;
    spdlog::info("demo content loaded: {} articles", report.created);
  }
  view::Templates templates(config.resource_dir / "templates", [](const std::string& lang, const std::string& msgid) {
    return core::translate(lang, msgid);
  });
  http::StaticFiles static_files(config.resource_dir / "static");
  PageCache cache;
  App app{config, *db, templates, static_files, media, cache};
  auto router = make_router(app);

  http::ServerOptions options;
  options.host = config.listen_host;
  options.port = config.listen_port;
  options.threads = config.threads;
  options.max_header_bytes = config.max_header_bytes;
  options.max_body_bytes = config.max_body_bytes;
  options.read_timeout = config.read_timeout;
  options.idle_timeout = config.idle_timeout;
  options.shutdown_grace = config.shutdown_grace;
  options.access_log = config.access_log;
  http::Server server(options, router, [&app](int status, const http::Request* request) {
    return render_error(app, status, request);
  });
  server.listen();
  VersionWatcher watcher(*db, cache);
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("Rynek listening on http://{}:{} ({} threads, {}, started in {:.0f} ms)", config.listen_host,
               server.port(), config.threads, db->backend_name(), ms);
  server.run();
  core::flush_access_log();
  db->close();
  spdlog::info("Rynek stopped");
  return 0;
}

int migrate(const core::Config& config) {
  auto db = open_store(config);
  db->close();
  return 0;
}

int import_content(const core::Config& config, const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) {
    std::cerr << "import: '" << dir.string() << "' is not a directory\n";
    return 2;
  }
  auto db = open_store(config);
  content::MediaStore media(config.data_dir);
  auto report = content::import_articles(*db, media, dir);
  db->close();
  for (const auto& error : report.errors) std::cerr << "import: " << error << "\n";
  if (!report.errors.empty()) {
    std::cerr << "import: nothing was imported; fix the errors above and run it again\n";
    return 1;
  }
  std::cout << "import: " << report.created << " articles created, " << report.updated << " updated\n";
  return 0;
}

}  // namespace rynek::web
