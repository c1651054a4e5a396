#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>

#include "core/result.h"

// Small RAII owners and helpers shared by the SQLite backend's files.
namespace vern::catalogue::detail {

struct SqliteClose {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct SqliteFinalize {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Database = std::unique_ptr<sqlite3, SqliteClose>;
using Statement = std::unique_ptr<sqlite3_stmt, SqliteFinalize>;

inline Error sqlite_error(sqlite3* db, const std::string& what, const std::string& file) {
  return Error{ErrorCode::kIo, "catalogue: " + what + ": " + sqlite3_errmsg(db), file};
}

// Runs one or more statements that return no rows.
inline Result<void> execute(sqlite3* db, const char* sql, const std::string& file) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message != nullptr ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    return fail(ErrorCode::kIo, "catalogue: " + text, file);
  }
  return {};
}

}  // namespace vern::catalogue::detail
