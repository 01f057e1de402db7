// The SQLite backend: one file in WAL mode, a pool of read-only connections and
// the single writer (writer.hpp) owning the only read-write connection.
#pragma once

#include <memory>
#include <string>

#include "store/database.hpp"
#include "store/sqlite/reader_pool.hpp"
#include "store/sqlite/writer.hpp"

namespace rynek::store::sqlite {

class SqliteDatabase final : public Database {
 public:
  // path ":memory:" opens a private temporary file, removed on destruction:
  // readers need a real file to share with the writer.
  SqliteDatabase(const std::string& path, const OpenOptions& options);
  ~SqliteDatabase() override;

  std::vector<std::string> migrate() override;
  std::string backend_name() const override { return "sqlite"; }
  void close() override;
  const std::string& path() const { return path_; }

 protected:
  void with_reader(const std::function<void(Connection&)>& fn) override;
  void submit(WriteTask task) override;

 private:
  std::string path_;
  bool temporary_ = false;
  std::string migrations_dir_;
  std::unique_ptr<Writer> writer_;
  std::unique_ptr<ReaderPool> readers_;
};

}  // namespace rynek::store::sqlite
