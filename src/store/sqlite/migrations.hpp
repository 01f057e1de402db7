// Schema migrations: files NNNN_name.sql in one folder, applied in numeric order.
// Each file runs in its own transaction together with its row in
// schema_migrations, so a migration is either wholly applied and recorded or not
// at all. Files must not contain BEGIN/COMMIT of their own.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "store/sqlite/connection.hpp"

namespace rynek::store::sqlite {

struct MigrationFile {
  std::int64_t version;
  std::string name;  // file name without ".sql", e.g. "0001_initial"
  std::filesystem::path path;
};

// Lists the migration files of a folder in version order. Throws on a .sql file
// without a numeric prefix or on two files with the same version.
std::vector<MigrationFile> list_migrations(const std::filesystem::path& folder);

// Applies the pending migrations on a connection with no open transaction and
// returns their names. Throws std::runtime_error naming the file that failed.
std::vector<std::string> apply_migrations(SqliteConnection& connection,
                                          const std::filesystem::path& folder);

}  // namespace rynek::store::sqlite
