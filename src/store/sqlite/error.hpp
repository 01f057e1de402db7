// SQLite result codes -> DbErrc. Decided on extended result codes only, never
// on message text, so that translations or SQLite upgrades cannot change it.
#pragma once

#include <sqlite3.h>

#include <string_view>

#include "store/database.hpp"

namespace rynek::store::sqlite {

DbErrc map_error(int extended_code);

// Throws DbError for the connection's last error; `context` names the operation.
[[noreturn]] void throw_error(sqlite3* db, int code, std::string_view context);

}  // namespace rynek::store::sqlite
