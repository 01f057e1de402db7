#include "web/serve.hpp"

#include <condition_variable>
#include <iostream>
#include <thread>

#include "accounts/session.hpp"
#include "content/article.hpp"
#include "content/import.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "events/registration.hpp"
#include "events/seminar_import.hpp"
#include "http/server.hpp"
#include "mail/worker.hpp"
#include "web/app.hpp"
#include "web/cookies.hpp"
#include "web/mail_messages.hpp"

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
  return db.read([](store::Connection& c) {
    return !c.query_one("SELECT 1 FROM articles UNION ALL SELECT 1 FROM seminars LIMIT 1");
  });
}

// Runs `work` every `interval` on a thread of its own until destroyed.
class Ticker {
 public:
  Ticker(std::chrono::milliseconds interval, std::function<void()> work)
      : thread_([this, interval, work = std::move(work)] {
          std::unique_lock lock(mutex_);
          while (!stopped_) {
            lock.unlock();
            try {
              work();
            } catch (const std::exception& e) {
              spdlog::warn("periodic task failed: {}", e.what());
            }
            lock.lock();
            wake_.wait_for(lock, interval, [this] { return stopped_; });
          }
        }) {}
  ~Ticker() {
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

struct ImportCounts {
  content::ImportReport articles;
  int seminars_created = 0;
  int seminars_updated = 0;
  std::vector<std::string> errors;
};

// Articles and seminars are checked first and written in one transaction.
ImportCounts import_folder(store::Database& db, const content::MediaStore& media,
                           const std::filesystem::path& dir) {
  ImportCounts counts;
  // Files are only described while checking; they are written once everything passed.
  content::MediaStore staging(media.root_dir(), content::MediaStore::Mode::staged);
  auto articles = content::prepare_articles(staging, dir, counts.errors);
  auto seminars = events::prepare_seminars(staging, dir, core::Clock::now(), counts.errors);
  if (!counts.errors.empty()) return counts;
  staging.commit_staged();
  db.write_and_wait([&](store::Connection& connection) {
    counts.articles = {};
    counts.seminars_created = counts.seminars_updated = 0;
    content::write_articles(connection, articles, counts.articles);
    events::write_seminars(connection, seminars, counts.seminars_created, counts.seminars_updated);
  });
  return counts;
}

http::ServerOptions server_options(const core::Config& config) {
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
  options.security = security_policy(config);
  return options;
}

}  // namespace

int serve(const core::Config& config, DemoContent demo) {
  auto started = std::chrono::steady_clock::now();
  auto db = open_store(config);
  content::MediaStore media(config.data_dir);
  auto secret = core::Secret::load_or_create(config.data_dir, config.secret_key);
  if (demo == DemoContent::load_if_empty && database_is_empty(*db)) {
    auto counts = import_folder(*db, media, config.resource_dir / "demo");
    for (const auto& error : counts.errors) spdlog::error("demo content: {}", error);
    if (!counts.errors.empty()) return 1;
    spdlog::info("demo content loaded: {} articles, {} seminars", counts.articles.created,
                 counts.seminars_created);
  }
  view::Templates templates(config.resource_dir / "templates",
                            [](const std::string& lang, const std::string& msgid) {
                              return core::translate(lang, msgid);
                            });
  http::StaticFiles static_files(config.resource_dir / "static");
  PageCache cache(4096, security_policy(config));
  RateLimits limits;
  limits.set_enabled(config.rate_limits);
  // Two threads bound the CPU and memory of argon2id logins and image decoding.
  core::WorkPool work_pool(2, 256);
  App app{config, *db, templates, static_files, media, cache, secret, limits, work_pool};

  std::unique_ptr<mail::MailWorker> mailer;
  if (!config.smtp_url.empty()) {
    mail::WorkerOptions options;
    options.smtp_url = config.smtp_url;
    // make_composer dispatches every kind, the back office's included.
    mailer = std::make_unique<mail::MailWorker>(*db, make_composer(app), options);
    app.mail_queued = [worker = mailer.get()] { worker->wake(); };
    mailer->start();
  } else {
    spdlog::warn(
        "no smtp_url set: e-mails are queued in the outbox and sent once a mail server is configured");
  }
  auto router = make_router(app);
  http::Server server(server_options(config), router,
                      [&app](int status, const http::Request* request) {
                        return render_error(app, status, request);
                      });
  server.listen();
  // Write completions of requests run on the I/O threads: the writer thread does SQL only.
  db->set_completion_executor(
      [&server](core::UniqueFunction<void()> work) { server.post(std::move(work)); });
  // Content changed by other processes reaches the page cache within a second.
  auto version_watcher = std::make_unique<Ticker>(std::chrono::seconds(1), [&] {
    cache.set_version(db->read([](store::Connection& c) { return content::content_version(c); }));
  });
  // Reminders, expired confirmations, the waiting list: every 30 seconds.
  auto housekeeping = std::make_unique<Ticker>(std::chrono::seconds(30), [&] {
    int queued = 0;
    db->write_and_wait([&](store::Connection& c) {
      auto now = core::Clock::now();
      queued = events::run_housekeeping(c, now);
      accounts::delete_expired_sessions(c, now);
    });
    if (queued > 0) app.mail_queued();
  });
  auto ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("Rynek listening on http://{}:{} ({} threads, {}, started in {:.0f} ms)",
               config.listen_host, server.port(), config.threads, db->backend_name(), ms);
  server.run();
  // Stopped in order, each before what it uses: the I/O threads have ended, so
  // completions run on the writer from now on; queued slow work still runs (its
  // answers go nowhere); then the tickers, the mailer, and last the writer, which
  // drains what is queued.
  db->set_completion_executor(nullptr);
  work_pool.stop();
  housekeeping.reset();
  version_watcher.reset();
  core::flush_access_log();
  if (mailer) mailer->stop();
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
  auto counts = import_folder(*db, media, dir);
  db->close();
  for (const auto& error : counts.errors) std::cerr << "import: " << error << "\n";
  if (!counts.errors.empty()) {
    std::cerr << "import: nothing was imported; fix the errors above and run it again\n";
    return 1;
  }
  std::cout << "import: " << counts.articles.created << " articles created, "
            << counts.articles.updated << " updated; " << counts.seminars_created
            << " seminars created, " << counts.seminars_updated << " updated\n";
  return 0;
}

}  // namespace rynek::web
