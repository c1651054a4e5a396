#pragma once

#include <sqlite3.h>

#include <optional>
#include <span>
#include <string>

#include "catalogue/photo_record.h"

namespace vern::catalogue::detail {

// A record being read from a row, with the parts of a position that make one only together.
struct PhotoRow {
  PhotoRecord record;
  std::optional<double> latitude, longitude, altitude_m;
};

// One column of the photos table: its name, how a record's field is bound to it when written
// (null for the id, which SQLite assigns), and how it is read back (null for columns kept only
// for queries: file_name, folder). The one list every statement is made from, so a new column is
// added in one place.
struct PhotoColumn {
  const char* name;
  void (*bind)(sqlite3_stmt* statement, int index, const PhotoRecord& record);
  void (*read)(sqlite3_stmt* statement, int index, PhotoRow& row);
};

std::span<const PhotoColumn> photo_columns();

// The read columns, qualified for "FROM photos p", in read_photo_row()'s order.
const std::string& photo_select_list();

// INSERT of every written column, or on a known path an UPDATE of all but the path (the row, and
// so the photo's id, stays).
const std::string& photo_upsert_sql();

// Binds every written column of `record` to the upsert's placeholders.
void bind_photo_record(sqlite3_stmt* statement, const PhotoRecord& record);

// The record of the current row of a statement selecting photo_select_list().
PhotoRecord read_photo_row(sqlite3_stmt* statement);

}  // namespace vern::catalogue::detail
