#include "store/sqlite/sqlite_database.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <random>

#include "store/sqlite/migrations.hpp"

namespace rynek::store::sqlite {
namespace {

std::string temporary_path() {
  static std::atomic<unsigned> counter{0};
  std::random_device random;
  auto name = "rynek-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
              std::to_string(random()) + ".db";
  return (std::filesystem::temp_directory_path() / name).string();
}

void remove_database_files(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path + suffix, ignored);
  }
}

}  // namespace

SqliteDatabase::SqliteDatabase(const std::string& path, const OpenOptions& options)
    : path_(path), migrations_dir_(options.migrations_dir) {
  if (path_ == ":memory:") {
    path_ = temporary_path();
    temporary_ = true;
  } else if (auto parent = std::filesystem::path(path_).parent_path(); !parent.empty()) {
    std::filesystem::create_directories(parent);
  }
  try {
    // The writer's connection comes first: it creates the file and switches it to
    // WAL, which the read-only connections rely on.
    auto durability = options.synchronous_full ? Durability::full : Durability::normal;
    writer_ = std::make_unique<Writer>(
        std::make_unique<SqliteConnection>(path_, OpenMode::read_write, durability),
        [this](WriteDone& done, WriteOutcome outcome, CompleteOn where) {
          complete(done, std::move(outcome), where);
        });
    readers_ = std::make_unique<ReaderPool>(path_, options.read_connections);
  } catch (...) {
    writer_.reset();
    if (temporary_) remove_database_files(path_);
    throw;
  }
}

SqliteDatabase::~SqliteDatabase() {
  close();
  readers_.reset();
  writer_.reset();
  if (temporary_) remove_database_files(path_);
}

void SqliteDatabase::submit(WriteTask task) {
  writer_->write(std::move(task));
}

std::vector<std::string> SqliteDatabase::migrate() {
  if (migrations_dir_.empty()) throw std::runtime_error("no migrations folder configured");
  std::vector<std::string> applied;
  writer_->run_exclusive([&](SqliteConnection& connection) {
    applied = apply_migrations(connection, migrations_dir_);
  });
  return applied;
}

void SqliteDatabase::close() {
  writer_->close();
}

void SqliteDatabase::with_reader(const std::function<void(Connection&)>& fn) {
  readers_->with_reader(fn);
}

}  // namespace rynek::store::sqlite
