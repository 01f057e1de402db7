#include "store/sqlite/error.hpp"

#include <string>

namespace rynek::store::sqlite {

DbErrc map_error(int extended_code) {
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return DbErrc::unique_violation;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return DbErrc::foreign_key;
    default:
      break;
  }
  switch (extended_code & 0xff) {
    case SQLITE_CONSTRAINT:
      return DbErrc::constraint;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return DbErrc::busy;
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return DbErrc::io;
    default:
      return DbErrc::other;
  }
}

void throw_error(sqlite3* db, int code, std::string_view context) {
  // Connections run with extended result codes on, but sqlite3_open's code may
  // be primary; prefer the connection's extended code when one is recorded.
  int extended = db != nullptr ? sqlite3_extended_errcode(db) : code;
  if ((extended & 0xff) != (code & 0xff)) extended = code;
  std::string message(context);
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  throw DbError(map_error(extended), message);
}

}  // namespace rynek::store::sqlite
