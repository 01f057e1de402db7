// The access log: one JSON line per HTTP request on stdout.
//
// Request handlers must not wait on a pipe or terminal, and taking a lock
// around a write(2) per request would serialise every I/O thread behind the
// slowest reader of stdout. So a request only appends its line to a shared
// buffer under a short lock; a background thread swaps the buffer out and
// writes it, every 50 ms or as soon as 64 KiB are waiting. A reader therefore
// sees a line within ~50 ms. If stdout stalls and more than 32 MiB pile up,
// new lines are dropped (and counted in a final note) rather than letting
// memory grow without bound.
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/log.hpp"

namespace rynek::core {
namespace {

constexpr std::size_t kWakeThreshold = 64 * 1024;
constexpr std::size_t kDropThreshold = 32 * 1024 * 1024;
constexpr auto kFlushInterval = std::chrono::milliseconds(50);

void write_all(const std::string& data) {
  const char* p = data.data();
  std::size_t left = data.size();
  while (left > 0) {
    const ssize_t n = ::write(STDOUT_FILENO, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // stdout is gone; there is nobody left to tell.
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

class AccessLogWriter {
 public:
  AccessLogWriter() : thread_([this] { run(); }) {}
  ~AccessLogWriter() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
    flush();
  }

  void append(std::string_view line) {
    bool wake = false;
    {
      std::lock_guard lock(mutex_);
      if (pending_.size() > kDropThreshold) {
        ++dropped_;
        return;
      }
      pending_.append(line);
      pending_ += '\n';
      wake = pending_.size() >= kWakeThreshold;
    }
    if (wake) wake_.notify_one();
  }

  // Writes are ordered by write_mutex_, so lines never interleave or reorder.
  void flush() {
    std::lock_guard write_lock(write_mutex_);
    std::string batch;
    {
      std::lock_guard lock(mutex_);
      batch.swap(pending_);
      if (dropped_ > 0) {
        batch += R"({"level":"warning","msg":"access log lines dropped","count":)" +
                 std::to_string(dropped_) + "}\n";
        dropped_ = 0;
      }
    }
    if (!batch.empty()) write_all(batch);
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      wake_.wait_for(lock, kFlushInterval,
                     [this] { return stopping_ || pending_.size() >= kWakeThreshold; });
      lock.unlock();
      flush();
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::mutex write_mutex_;
  std::condition_variable wake_;
  std::string pending_;
  std::size_t dropped_ = 0;
  bool stopping_ = false;
  std::thread thread_;  // last: starts after every other member exists
};

AccessLogWriter& writer() {
  static AccessLogWriter instance;
  return instance;
}

}  // namespace

void access_log(std::string_view json_line) {
  writer().append(json_line);
}

void flush_access_log() {
  writer().flush();
}

}  // namespace rynek::core
