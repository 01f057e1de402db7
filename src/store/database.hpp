// The store's interface. Domain code talks to these types only, so a PostgreSQL
// backend can be added beside sqlite/ without touching it.
//
// SQL in domain code uses '?' placeholders and the common subset of SQLite and
// PostgreSQL; a backend rewrites placeholders as it needs.
//
// Reads run on a small pool of read connections (`read`). Every write goes
// through the single writer (`write`): see writer.hpp for what that guarantees.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/unique_function.hpp"

namespace rynek::store {

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

// Database failures as a small enum, never matched on message text.
enum class DbErrc {
  unique_violation,  // -> 409 Conflict
  foreign_key,       // referenced row missing
  constraint,        // CHECK / NOT NULL
  busy,              // lock contention: retry
  io,                // disk full, I/O error
  other,
};

class DbError : public std::runtime_error {
 public:
  DbError(DbErrc code, const std::string& message) : std::runtime_error(message), code_(code) {}
  DbErrc code() const { return code_; }

 private:
  DbErrc code_;
};

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  bool is_null(std::size_t i) const {
    return std::holds_alternative<std::nullptr_t>(values_.at(i));
  }
  std::int64_t integer(std::size_t i) const;  // NULL -> 0
  double real(std::size_t i) const;           // NULL -> 0.0
  std::string text(std::size_t i) const;      // NULL -> ""
  std::optional<std::string> optional_text(std::size_t i) const;
  const Value& value(std::size_t i) const { return values_.at(i); }
  bool operator==(const Row&) const = default;

 private:
  std::vector<Value> values_;
};

using Params = std::vector<Value>;

// One connection. Not thread-safe; obtained only through Database::read / write.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual void execute(std::string_view sql, const Params& params = {}) = 0;
  virtual std::vector<Row> query(std::string_view sql, const Params& params = {}) = 0;
  virtual std::optional<Row> query_one(std::string_view sql, const Params& params = {});
  // Runs a script of several statements without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;
  virtual std::int64_t last_insert_id() = 0;
  virtual std::int64_t changes() = 0;
};

// Outcome of one write job, delivered after the batch holding it is durable.
struct WriteOutcome {
  bool ok = true;
  std::optional<DbErrc> error;  // set when the job threw DbError
  std::string message;          // for logs only, never shown to users
};

// Why a typed write produced no value: the job's DbError code (none when it threw
// something else, or the transaction failed), and a message for logs only.
struct WriteFailure {
  std::optional<DbErrc> code;
  std::string message;
};

// The result of a typed write: the job's return value, or why there is none.
template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(WriteFailure failure) : state_(std::move(failure)) {}
  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(state_); }
  const T& value() const { return std::get<T>(state_); }
  T* operator->() { return &value(); }
  T& operator*() { return value(); }
  const WriteFailure& failure() const { return std::get<WriteFailure>(state_); }
  // True when the job raised this DbError code (e.g. unique_violation -> 409).
  bool failed_with(DbErrc code) const { return !ok() && failure().code == code; }

 private:
  std::variant<T, WriteFailure> state_;
};

// Move-only: a job or a completion may own a request's http::Responder.
using WriteJob = core::UniqueFunction<void(Connection&)>;
using WriteDone = core::UniqueFunction<void(WriteOutcome)>;

// Where a write's completion runs. Request handlers' completions run on the
// executor the server installs (its I/O threads), so the writer thread runs SQL
// only; the CLI, tests and background workers may take them on the writer thread.
enum class CompleteOn { executor, writer_thread };
using CompletionExecutor = std::function<void(core::UniqueFunction<void()>)>;

struct WriteTask {
  WriteJob job;
  WriteDone done;  // may be empty
  CompleteOn complete_on = CompleteOn::executor;
};

class Database {
 public:
  virtual ~Database() = default;

  // Runs fn on a pooled read connection and returns its result. Reads are short;
  // they may run on I/O threads.
  template <class Fn>
  auto read(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
    using Result = decltype(fn(std::declval<Connection&>()));
    if constexpr (std::is_void_v<Result>) {
      with_reader([&](Connection& c) { fn(c); });
    } else {
      std::optional<Result> result;
      with_reader([&](Connection& c) { result.emplace(fn(c)); });
      return std::move(*result);
    }
  }

  // Queues a write job for the single writer. The job runs inside the writer's
  // transaction (in a savepoint of its own); `done` is called once the transaction
  // is durable, or with the error the job raised — on the completion executor
  // (the I/O threads when serving; the writer thread when none is installed).
  void write(WriteJob job, WriteDone done = {}, CompleteOn where = CompleteOn::executor) {
    submit(WriteTask{std::move(job), std::move(done), where});
  }

  // Typed form: the job returns a value, `done` receives Result<T> — the value once
  // it is durable, or the failure. No side channels between job and completion.
  template <class Job, class Done>
  requires(!std::is_void_v<std::invoke_result_t<Job&, Connection&>>) void write(
      Job job, Done done, CompleteOn where = CompleteOn::executor) {
    using T = std::decay_t<std::invoke_result_t<Job&, Connection&>>;
    auto slot = std::make_shared<std::optional<T>>();
    submit(WriteTask{[job = std::move(job), slot](Connection& c) mutable { slot->emplace(job(c)); },
                     [done = std::move(done), slot](WriteOutcome outcome) mutable {
                       if (outcome.ok && *slot) {
                         done(Result<T>(std::move(**slot)));
                       } else {
                         done(Result<T>(WriteFailure{outcome.error, std::move(outcome.message)}));
                       }
                     },
                     where});
  }

  // Blocking form for the CLI and tests: rethrows DbError on failure.
  void write_and_wait(WriteJob job);

  // Installs (or, with nullptr, removes) where completions run; thread-safe.
  void set_completion_executor(CompletionExecutor executor);

  // Applies pending migrations; returns the names applied.
  virtual std::vector<std::string> migrate() = 0;
  virtual std::string backend_name() const = 0;
  // Stops the writer after draining its queue.
  virtual void close() = 0;

 protected:
  virtual void with_reader(const std::function<void(Connection&)>& fn) = 0;
  virtual void submit(WriteTask task) = 0;
  // For backends: runs a completion where its task asked. A completion that throws
  // is logged; whatever it owned (a Responder) is released, which answers for it.
  void complete(WriteDone& done, WriteOutcome outcome, CompleteOn where);

 private:
  std::mutex executor_mutex_;
  std::shared_ptr<const CompletionExecutor> executor_;
};

struct OpenOptions {
  std::string url;             // "sqlite:/path/file.db" or a plain path
  std::string migrations_dir;  // e.g. <resources>/migrations/sqlite
  unsigned read_connections = 4;
  bool synchronous_full = true;  // durable commits (tests may relax)
};

// Opens the backend the URL names. Throws std::runtime_error with a clear message.
std::unique_ptr<Database> open_database(const OpenOptions& options);

}  // namespace rynek::store
