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
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

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

using WriteJob = std::function<void(Connection&)>;
using WriteDone = std::function<void(WriteOutcome)>;

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
  // transaction (in a savepoint of its own); `done` is called on the writer thread
  // once the transaction is durable, or with the error the job raised.
  virtual void write(WriteJob job, WriteDone done) = 0;

  // Blocking form for the CLI and tests: rethrows DbError on failure.
  void write_and_wait(WriteJob job);

  // Applies pending migrations; returns the names applied.
  virtual std::vector<std::string> migrate() = 0;
  virtual std::string backend_name() const = 0;
  // Stops the writer after draining its queue.
  virtual void close() = 0;

 protected:
  virtual void with_reader(const std::function<void(Connection&)>& fn) = 0;
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
