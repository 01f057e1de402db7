// A fixed pool of read-only connections. In WAL mode readers never block the
// writer nor each other, so a handful of connections serves many I/O threads as
// long as reads stay short; a borrower waits only when all are in use.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite/connection.hpp"

namespace rynek::store::sqlite {

class ReaderPool {
 public:
  ReaderPool(const std::string& path, unsigned count);

  // Borrows a connection for the length of fn, waiting if every one is busy.
  void with_reader(const std::function<void(Connection&)>& fn);

 private:
  std::vector<std::unique_ptr<SqliteConnection>> connections_;
  std::vector<SqliteConnection*> idle_;
  std::mutex mutex_;
  std::condition_variable available_;
};

}  // namespace rynek::store::sqlite
