#include "store/sqlite/connection.hpp"

#include "store/sqlite/error.hpp"

namespace rynek::store::sqlite {
namespace {

// Domain code uses a fixed set of named queries; the cap only guards against a
// caller that builds SQL text dynamically and would otherwise grow the cache forever.
constexpr std::size_t kStatementCacheLimit = 512;
constexpr int kBusyTimeoutMs = 5000;

// Resets a cached statement when a call ends, however it ends, so that no read
// transaction stays open and no bound pointer outlives its Params.
class StatementUse {
 public:
  explicit StatementUse(sqlite3_stmt* statement) : statement_(statement) {}
  ~StatementUse() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;

 private:
  sqlite3_stmt* statement_;
};

Value column_value(sqlite3_stmt* statement, int i) {
  switch (sqlite3_column_type(statement, i)) {
    case SQLITE_INTEGER:
      return static_cast<std::int64_t>(sqlite3_column_int64(statement, i));
    case SQLITE_FLOAT:
      return sqlite3_column_double(statement, i);
    case SQLITE_TEXT:
    case SQLITE_BLOB: {
      const auto* data = static_cast<const char*>(sqlite3_column_blob(statement, i));
      int size = sqlite3_column_bytes(statement, i);
      return data != nullptr ? std::string(data, static_cast<std::size_t>(size)) : std::string();
    }
    default:
      return nullptr;
  }
}

sqlite3* open_handle(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    throw DbError(map_error(rc), "cannot open SQLite database '" + path + "': " + message);
  }
  sqlite3_extended_result_codes(db, 1);
  return db;
}

}  // namespace

SqliteConnection::SqliteConnection(const std::string& path, OpenMode mode, Durability durability) {
  if (mode == OpenMode::read_only) {
    // Read-only where SQLite allows it (it needs the WAL files, which the writer
    // created); otherwise read-write, still guarded by query_only below.
    try {
      db_ = open_handle(path, SQLITE_OPEN_READONLY);
    } catch (const DbError&) {
      db_ = open_handle(path, SQLITE_OPEN_READWRITE);
    }
  } else {
    db_ = open_handle(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  }
  try {
    apply_pragmas(mode, durability);
  } catch (...) {
    sqlite3_close_v2(db_);
    throw;
  }
}

SqliteConnection::~SqliteConnection() {
  cache_.clear();  // statements must be finalized before the handle closes
  sqlite3_close_v2(db_);
}

void SqliteConnection::apply_pragmas(OpenMode mode, Durability durability) {
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  if (mode == OpenMode::read_only) {
    execute_script("PRAGMA query_only=ON;");
    return;
  }
  auto journal = query("PRAGMA journal_mode=WAL");
  if (journal.empty() || journal.front().text(0) != "wal") {
    throw DbError(DbErrc::other, "SQLite database could not switch to WAL mode");
  }
  execute_script(durability == Durability::full ? "PRAGMA synchronous=FULL;"
                                                : "PRAGMA synchronous=NORMAL;");
  execute_script("PRAGMA foreign_keys=ON;");
}

sqlite3_stmt* SqliteConnection::prepare(std::string_view sql) {
  if (auto found = cache_.find(sql); found != cache_.end()) return found->second.get();
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &raw, &tail);
  if (rc != SQLITE_OK) throw_error(db_, rc, std::string("prepare '").append(sql).append("'"));
  StatementPtr statement(raw);
  if (statement == nullptr) throw DbError(DbErrc::other, "empty SQL statement");
  for (const char* p = tail; p != nullptr && p < sql.data() + sql.size(); ++p) {
    if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r' && *p != ';') {
      throw DbError(DbErrc::other,
                    "several statements in one call; use execute_script: " + std::string(sql));
    }
  }
  if (cache_.size() >= kStatementCacheLimit) cache_.clear();
  return cache_.emplace(std::string(sql), std::move(statement)).first->second.get();
}

void SqliteConnection::bind(sqlite3_stmt* statement, const Params& params, std::string_view sql) {
  int expected = sqlite3_bind_parameter_count(statement);
  if (expected != static_cast<int>(params.size())) {
    throw DbError(DbErrc::other, "statement expects " + std::to_string(expected) +
                                     " parameters, got " + std::to_string(params.size()) + ": " +
                                     std::string(sql));
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    int index = static_cast<int>(i) + 1;
    int rc = std::visit(
        [&](const auto& value) {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            return sqlite3_bind_null(statement, index);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            return sqlite3_bind_int64(statement, index, value);
          } else if constexpr (std::is_same_v<T, double>) {
            return sqlite3_bind_double(statement, index, value);
          } else {
            // SQLITE_STATIC: Params outlive the call and StatementUse clears the bindings.
            return sqlite3_bind_text64(statement, index, value.data(), value.size(), SQLITE_STATIC,
                                       SQLITE_UTF8);
          }
        },
        params[i]);
    if (rc != SQLITE_OK) throw_error(db_, rc, "bind");
  }
}

bool SqliteConnection::step(sqlite3_stmt* statement, std::string_view sql) {
  int rc = sqlite3_step(statement);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_error(db_, rc, sql);
}

void SqliteConnection::execute(std::string_view sql, const Params& params) {
  sqlite3_stmt* statement = prepare(sql);
  StatementUse use(statement);
  bind(statement, params, sql);
  while (step(statement, sql)) {
  }
}

std::vector<Row> SqliteConnection::query(std::string_view sql, const Params& params) {
  sqlite3_stmt* statement = prepare(sql);
  StatementUse use(statement);
  bind(statement, params, sql);
  std::vector<Row> rows;
  int columns = sqlite3_column_count(statement);
  while (step(statement, sql)) {
    std::vector<Value> values;
    values.reserve(static_cast<std::size_t>(columns));
    for (int i = 0; i < columns; ++i) values.push_back(column_value(statement, i));
    rows.emplace_back(std::move(values));
  }
  return rows;
}

void SqliteConnection::execute_script(std::string_view sql) {
  std::string text(sql);  // sqlite3_exec needs a terminated string
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw_error(db_, rc, "script");
}

std::int64_t SqliteConnection::last_insert_id() {
  return sqlite3_last_insert_rowid(db_);
}

std::int64_t SqliteConnection::changes() {
  return sqlite3_changes64(db_);
}

}  // namespace rynek::store::sqlite
