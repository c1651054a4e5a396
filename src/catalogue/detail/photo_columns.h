#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "catalogue/detail/sql_value.h"
#include "catalogue/photo_record.h"

namespace vern::catalogue::detail {

// A record being read from a row, with the parts of a position that make one only together.
struct PhotoRow {
  PhotoRecord record;
  std::optional<double> latitude, longitude, altitude_m;
};

// One column of the photos table: its name, the value a record writes to it (null for the id,
// which the store assigns), and how it is read back (null for columns kept only for queries:
// file_name, folder). The one list every backend's statements are made from, so a new column is
// added in one place.
struct PhotoColumn {
  const char* name;
  SqlValue (*value)(const PhotoRecord& record);
  void (*read)(const RowCells& row, int index, PhotoRow& into);
};

std::span<const PhotoColumn> photo_columns();

// The read columns, qualified for "FROM photos p", in read_photo_row()'s order.
const std::string& photo_select_list();

// INSERT of every written column, or on a known path an UPDATE of all but the path (the row, and
// so the photo's id, stays). Placeholders are `marker` and a number: "?1" for SQLite, "$1" for
// PostgreSQL. `extra` columns (a backend's own) follow the photo columns.
std::string photo_upsert_sql(char marker, const std::vector<std::string>& extra = {});

// The values of every written column of `record`, in the upsert's placeholder order.
std::vector<SqlValue> photo_values(const PhotoRecord& record);

// A list of strings as the catalogue stores it (keywords, companions): a JSON array.
std::string json_list(const std::vector<std::string>& strings);

// The record of the current row of a statement selecting photo_select_list().
PhotoRecord read_photo_row(const RowCells& row);

}  // namespace vern::catalogue::detail
