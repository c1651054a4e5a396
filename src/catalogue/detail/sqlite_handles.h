#pragma once

#include <sqlite3.h>

#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include "catalogue/detail/sql_value.h"
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

inline void bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
  sqlite3_bind_text(statement, index, text.c_str(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
}

// Binds a value, or NULL for nullopt: text, integers and floating point.
template <class T>
void bind_optional(sqlite3_stmt* statement, int index, const std::optional<T>& value) {
  if (!value) {
    sqlite3_bind_null(statement, index);
  } else if constexpr (std::is_same_v<T, std::string>) {
    bind_text(statement, index, *value);
  } else if constexpr (std::is_integral_v<T>) {
    sqlite3_bind_int64(statement, index, *value);
  } else {
    sqlite3_bind_double(statement, index, *value);
  }
}

// A text column of the current row; nullopt for NULL.
inline std::optional<std::string> column_text(sqlite3_stmt* statement, int index) {
  if (sqlite3_column_type(statement, index) == SQLITE_NULL) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, index)),
                     static_cast<std::size_t>(sqlite3_column_bytes(statement, index)));
}

inline void bind_value(sqlite3_stmt* statement, int index, const SqlValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) {
    bind_text(statement, index, *text);
  } else if (const auto* number = std::get_if<double>(&value)) {
    sqlite3_bind_double(statement, index, *number);
  } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
    sqlite3_bind_int64(statement, index, *integer);
  } else {
    sqlite3_bind_null(statement, index);
  }
}

// Binds values to ?1, ?2, ... in order.
inline void bind_values(sqlite3_stmt* statement, const std::vector<SqlValue>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    bind_value(statement, static_cast<int>(i + 1), values[i]);
  }
}

// The current row of a statement, as the backend-neutral readers see it.
class SqliteCells final : public RowCells {
 public:
  explicit SqliteCells(sqlite3_stmt* statement) : s_(statement) {}
  bool is_null(int column) const override { return sqlite3_column_type(s_, column) == SQLITE_NULL; }
  std::string_view text(int column) const override {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s_, column));
    return text ? std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(s_, column)))
                : std::string_view();
  }
  std::int64_t integer(int column) const override { return sqlite3_column_int64(s_, column); }
  double real(int column) const override { return sqlite3_column_double(s_, column); }

 private:
  sqlite3_stmt* s_;
};

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
