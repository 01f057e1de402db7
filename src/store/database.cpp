// The backend-neutral parts of the store: value access on rows, the blocking
// write helper and the choice of backend from a database URL.
#include "store/database.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <future>

#include "store/sqlite/sqlite_database.hpp"

namespace rynek::store {
namespace {

// Lenient conversion so that numbers kept as text (meta.value) read as numbers.
template <class Number>
Number parse_number(const std::string& text, const char* what) {
  Number number{};
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, number);
  if (ec != std::errc{} || ptr != end) {
    throw DbError(DbErrc::other, std::string("column value is not ") + what + ": '" + text + "'");
  }
  return number;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::int64_t Row::integer(std::size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v))
    return parse_number<std::int64_t>(*s, "an integer");
  return 0;
}

double Row::real(std::size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  if (const auto* s = std::get_if<std::string>(&v)) return parse_number<double>(*s, "a number");
  return 0.0;
}

std::string Row::text(std::size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) {
    char buffer[32];
    auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, *d);
    return std::string(buffer, ec == std::errc{} ? ptr : buffer);
  }
  return {};
}

std::optional<std::string> Row::optional_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

std::optional<Row> Connection::query_one(std::string_view sql, const Params& params) {
  auto rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

void Database::write_and_wait(WriteJob job) {
  std::promise<WriteOutcome> promise;
  auto future = promise.get_future();
  write(
      std::move(job), [&promise](WriteOutcome outcome) { promise.set_value(std::move(outcome)); },
      CompleteOn::writer_thread);
  WriteOutcome outcome = future.get();
  if (outcome.ok) return;
  if (outcome.error) throw DbError(*outcome.error, outcome.message);
  // The job threw something other than DbError: keep its message, not its type.
  throw std::runtime_error(outcome.message);
}

void Database::set_completion_executor(CompletionExecutor executor) {
  std::lock_guard lock(executor_mutex_);
  executor_ = executor ? std::make_shared<const CompletionExecutor>(std::move(executor)) : nullptr;
}

namespace {

void run_completion(WriteDone& done, WriteOutcome outcome) {
  try {
    done(std::move(outcome));
  } catch (const std::exception& error) {
    spdlog::error("store: write completion threw: {}", error.what());
  } catch (...) {
    spdlog::error("store: write completion threw a non-standard exception");
  }
}

}  // namespace

void Database::complete(WriteDone& done, WriteOutcome outcome, CompleteOn where) {
  if (!done) return;
  std::shared_ptr<const CompletionExecutor> executor;
  if (where == CompleteOn::executor) {
    std::lock_guard lock(executor_mutex_);
    executor = executor_;
  }
  if (!executor) {
    run_completion(done, std::move(outcome));
    done = nullptr;  // release what it owned now, on this thread
    return;
  }
  (*executor)([done = std::move(done), outcome = std::move(outcome)]() mutable {
    run_completion(done, std::move(outcome));
  });
}

std::unique_ptr<Database> open_database(const OpenOptions& options) {
  const std::string& url = options.url;
  if (url.empty()) throw std::runtime_error("database URL is empty");
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
    throw std::runtime_error("PostgreSQL backend is not built yet: " + url);
  }
  std::string path;
  if (starts_with(url, "sqlite://")) {
    path = url.substr(9);
  } else if (starts_with(url, "sqlite:")) {
    path = url.substr(7);
  } else if (url.find("://") == std::string::npos) {
    path = url;  // a plain file path
  } else {
    throw std::runtime_error(
        "unsupported database URL (expected sqlite:PATH, a file path or "
        "postgresql://...): " +
        url);
  }
  if (path.empty()) throw std::runtime_error("database URL names no file: " + url);
  return std::make_unique<sqlite::SqliteDatabase>(path, options);
}

}  // namespace rynek::store
