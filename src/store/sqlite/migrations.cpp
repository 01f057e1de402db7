#include "store/sqlite/migrations.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <fstream>
#include <set>
#include <sstream>

namespace rynek::store::sqlite {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);";
constexpr std::string_view kSelectApplied = "SELECT version FROM schema_migrations";
constexpr std::string_view kRecord =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)";

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read migration " + path.filename().string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::vector<MigrationFile> list_migrations(const std::filesystem::path& folder) {
  if (!std::filesystem::is_directory(folder)) {
    throw std::runtime_error("migrations folder not found: " + folder.string());
  }
  std::vector<MigrationFile> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".sql") continue;
    std::string name = entry.path().stem().string();
    std::int64_t version = 0;
    auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), version);
    if (ec != std::errc{} || end == name.data() + name.size() || *end != '_') {
      throw std::runtime_error("migration file name must be NNNN_name.sql: " +
                               entry.path().filename().string());
    }
    files.push_back({version, name, entry.path()});
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < files.size(); ++i) {
    if (files[i].version == files[i - 1].version) {
      throw std::runtime_error("two migrations share version " + std::to_string(files[i].version) +
                               ": " + files[i - 1].name + ", " + files[i].name);
    }
  }
  return files;
}

std::vector<std::string> apply_migrations(SqliteConnection& connection,
                                          const std::filesystem::path& folder) {
  auto files = list_migrations(folder);
  connection.execute_script(kCreateTable);
  std::set<std::int64_t> applied;
  for (const auto& row : connection.query(kSelectApplied)) applied.insert(row.integer(0));

  std::vector<std::string> names;
  for (const auto& file : files) {
    if (applied.count(file.version) != 0) continue;
    std::string script = read_text(file.path);
    try {
      connection.execute("BEGIN IMMEDIATE");
      connection.execute_script(script);
      connection.execute(kRecord, {file.version, file.name, utc_now()});
      connection.execute("COMMIT");
    } catch (const std::exception& error) {
      if (!connection.in_autocommit()) {
        try {
          connection.execute("ROLLBACK");
        } catch (const DbError&) {
        }
      }
      throw std::runtime_error("migration " + file.path.filename().string() +
                               " failed: " + error.what());
    }
    names.push_back(file.name);
  }
  return names;
}

}  // namespace rynek::store::sqlite
