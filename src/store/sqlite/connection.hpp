// A thin RAII layer over one sqlite3 handle: opens it with the store's pragmas,
// keeps a cache of prepared statements keyed by their SQL text, binds Params
// and turns result columns into Rows. Not thread-safe: the reader pool and the
// writer hand each connection to one thread at a time.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/database.hpp"

namespace rynek::store::sqlite {

enum class OpenMode { read_write, read_only };
enum class Durability { full, normal };

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, OpenMode mode, Durability durability);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  void execute(std::string_view sql, const Params& params = {}) override;
  std::vector<Row> query(std::string_view sql, const Params& params = {}) override;
  void execute_script(std::string_view sql) override;
  std::int64_t last_insert_id() override;
  std::int64_t changes() override;

  // True when no transaction is open (SQLite rolled back, or none was begun).
  bool in_autocommit() const { return sqlite3_get_autocommit(db_) != 0; }
  sqlite3* handle() const { return db_; }

 private:
  struct StatementDeleter {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
  };
  using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementDeleter>;
  // Lets the cache be searched with a string_view, without building a string per call.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };

  sqlite3_stmt* prepare(std::string_view sql);
  void bind(sqlite3_stmt* statement, const Params& params, std::string_view sql);
  bool step(sqlite3_stmt* statement, std::string_view sql);  // true while a row is ready
  void apply_pragmas(OpenMode mode, Durability durability);

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, StatementPtr, TextHash, std::equal_to<>> cache_;
};

}  // namespace rynek::store::sqlite
