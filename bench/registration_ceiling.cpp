// bench_registration_ceiling: the raw SQLite group-commit ceiling that
// bench/registration compares Rynek's registration path against.
//
//   bench_registration_ceiling [--seconds 5] [--threads 4] [--in-flight 256] [--dir DIR]
//
// Opens a fresh SQLite file through store::open_database (WAL, synchronous=FULL,
// the same single writer the server uses), creates a table shaped like
// `registrations` (same columns and indexes, no foreign key) and has several
// threads push single-row INSERT jobs through Database::write() for the given
// time, keeping `in-flight` jobs outstanding in total (like that many HTTP
// clients, each waiting for its answer). A row counts once its `done` reports
// ok, i.e. once it is durable. Prints one line:
//   ceiling: 612345 rows in 5.00 s = 122469 rows/s (4 threads, 256 in flight)
// Exits 1 if a write failed or the table does not hold exactly the counted rows.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/database.hpp"

using namespace rynek;

namespace {

constexpr std::string_view kSchema = R"(
CREATE TABLE bench_registrations (
  id INTEGER PRIMARY KEY,
  seminar_id INTEGER NOT NULL,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  lang TEXT NOT NULL,
  answers TEXT NOT NULL DEFAULT '{}',
  state TEXT NOT NULL
    CHECK (state IN ('registered', 'waitlisted', 'pending_approval', 'rejected', 'cancelled')),
  token_nonce TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  privacy_version TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state_changed_at TEXT NOT NULL,
  queued_at TEXT,
  confirmed_at TEXT,
  first_seen_at TEXT,
  last_seen_at TEXT,
  attended_seconds INTEGER NOT NULL DEFAULT 0,
  last_resent_at TEXT,
  UNIQUE (seminar_id, email)
);
CREATE INDEX bench_registrations_queue ON bench_registrations (seminar_id, state, queued_at);
)";

constexpr std::string_view kInsert =
    "INSERT INTO bench_registrations (seminar_id, email, name, lang, answers, state, token_nonce,"
    " token_hash, privacy_version, created_at, state_changed_at, queued_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

// A counting semaphore that a `done` callback (on the writer thread) releases.
class Window {
 public:
  explicit Window(int size) : free_(size) {}
  void acquire() {
    std::unique_lock lock(mutex_);
    freed_.wait(lock, [&] { return free_ > 0; });
    --free_;
  }
  void release() {
    {
      std::lock_guard lock(mutex_);
      ++free_;
    }
    freed_.notify_one();
  }
  void wait_all(int size) {
    std::unique_lock lock(mutex_);
    freed_.wait(lock, [&] { return free_ == size; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable freed_;
  int free_;
};

std::string hex_of(std::uint64_t value, std::size_t width) {
  std::string out(width, '0');
  for (std::size_t i = width; i-- > 0 && value != 0; value >>= 4)
    out[i] = "0123456789abcdef"[value & 15];
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 5;
  int threads = 4;
  int in_flight = 256;
  std::string parent = std::filesystem::temp_directory_path().string();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--seconds")) seconds = std::atof(argv[i + 1]);
    if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--in-flight")) in_flight = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--dir")) parent = argv[i + 1];
  }
  if (seconds <= 0 || threads <= 0 || in_flight < threads) {
    std::cerr << "usage: bench_registration_ceiling [--seconds S] [--threads T] [--in-flight N>=T]"
                 " [--dir DIR]\n";
    return 2;
  }
  std::string dir = parent + "/rynek-bench-ceiling-XXXXXX";
  if (!mkdtemp(dir.data())) return 2;
  int status = 1;
  {
    // No migrations directory: the table is this program's own.
    auto db = store::open_database({dir + "/ceiling.db", dir, 1, true});
    db->write_and_wait([](store::Connection& c) { c.execute_script(kSchema); });

    std::atomic<bool> stop{false};
    std::atomic<long> durable{0};
    std::atomic<long> failed{0};
    std::vector<std::unique_ptr<Window>> windows;
    std::vector<std::thread> pool;
    const int per_thread = in_flight / threads;
    const auto start = std::chrono::steady_clock::now();
    for (int t = 0; t < threads; ++t) {
      windows.push_back(std::make_unique<Window>(per_thread));
      pool.emplace_back([&, t] {
        Window& window = *windows[static_cast<std::size_t>(t)];
        for (std::uint64_t n = 0; !stop.load(std::memory_order_relaxed); ++n) {
          window.acquire();
          const std::uint64_t key = (static_cast<std::uint64_t>(t) << 40) | n;
          const auto id = std::to_string(t) + "-" + std::to_string(n);
          store::Params params{std::int64_t{1},
                               "osoba-" + id + "@example.org",
                               "Łucja Żółć " + id,
                               std::string("pl"),
                               std::string(R"({"organisation":"Urząd Miasta Chełm"})"),
                               std::string("registered"),
                               hex_of(key, 22),
                               hex_of(key * 0x9E3779B97F4A7C15ULL, 64),
                               std::string("2026-01"),
                               std::string("2026-03-02T10:00:00Z"),
                               std::string("2026-03-02T10:00:00Z"),
                               nullptr};
          db->write(
              [params = std::move(params)](store::Connection& c) { c.execute(kInsert, params); },
              [&](store::WriteOutcome outcome) {
                if (outcome.ok) {
                  durable.fetch_add(1, std::memory_order_relaxed);
                } else {
                  if (failed.fetch_add(1) == 0)
                    std::cerr << "ceiling: write failed: " << outcome.message << "\n";
                }
                window.release();
              });
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    const long at_deadline = durable.load();
    const auto elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    stop = true;
    for (auto& thread : pool) thread.join();
    for (auto& window : windows) window->wait_all(per_thread);
    const long total = durable.load();
    const auto stored = db->read([](store::Connection& c) {
      return c.query_one("SELECT count(*) FROM bench_registrations")->integer(0);
    });
    db->close();
    std::printf("ceiling: %ld rows in %.2f s = %.0f rows/s (%d threads, %d in flight)\n",
                at_deadline, elapsed, static_cast<double>(at_deadline) / elapsed, threads,
                per_thread * threads);
    if (failed.load() != 0) {
      std::fprintf(stderr, "ceiling: %ld writes failed\n", failed.load());
    } else if (stored != total) {
      std::fprintf(stderr, "ceiling: table holds %lld rows, %ld were acknowledged\n",
                   static_cast<long long>(stored), total);
    } else {
      status = 0;
    }
  }
  std::filesystem::remove_all(dir);
  return status;
}
