#include "store/sqlite/reader_pool.hpp"

namespace rynek::store::sqlite {

ReaderPool::ReaderPool(const std::string& path, unsigned count) {
  if (count == 0) count = 1;
  for (unsigned i = 0; i < count; ++i) {
    connections_.push_back(
        std::make_unique<SqliteConnection>(path, OpenMode::read_only, Durability::full));
    idle_.push_back(connections_.back().get());
  }
}

void ReaderPool::with_reader(const std::function<void(Connection&)>& fn) {
  SqliteConnection* connection = nullptr;
  {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [this] { return !idle_.empty(); });
    connection = idle_.back();
    idle_.pop_back();
  }
  // Returned even when fn throws.
  struct Return {
    ReaderPool* pool;
    SqliteConnection* connection;
    ~Return() {
      {
        std::lock_guard lock(pool->mutex_);
        pool->idle_.push_back(connection);
      }
      pool->available_.notify_one();
    }
  } give_back{this, connection};
  fn(*connection);
}

}  // namespace rynek::store::sqlite
