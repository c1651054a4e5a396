#pragma once

#include <functional>
#include <string>
#include <vector>

#include "catalogue/catalogue_tables.h"
#include "catalogue/detail/sql_value.h"

namespace vern::catalogue::detail {

// Runs one statement of a load.
using RunStatement =
    std::function<Result<void>(const std::string& sql, const std::vector<SqlValue>& values)>;
// A backend's own columns of a photo row beyond photo_columns() (PostgreSQL's words).
struct ExtraPhotoColumns {
  std::vector<std::string> names;
  std::function<void(const PhotoRecord&, std::vector<SqlValue>&)> values;
};

// The SQL that tells whether a store holds anything: one row, one count.
inline constexpr const char* kContentsCountSql =
    "SELECT (SELECT count(*) FROM photos) + (SELECT count(*) FROM shares)";

// Runs, through `run`, the INSERTs that write `contents` with their ids, placeholders `marker`
// ('?' or '$') and a number; stops at the first failure.
[[nodiscard]] Result<void> load_statements(const CatalogueContents& contents, char marker,
                                           const ExtraPhotoColumns& extra, const RunStatement& run);

}  // namespace vern::catalogue::detail
