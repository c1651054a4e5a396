#pragma once

#include <sqlite3.h>

#include <string>

#include "core/result.h"

namespace vern::catalogue::detail {

// The version recorded in the store (PRAGMA user_version); fails when the file is not a
// readable SQLite database.
[[nodiscard]] Result<int> schema_version(sqlite3* db, const std::string& file);

// Brings the store up to kSchemaVersion inside one write transaction, so two processes opening
// an old store at once cannot both migrate it. Refuses a store written by a newer version.
[[nodiscard]] Result<void> migrate(sqlite3* db, const std::string& file);

}  // namespace vern::catalogue::detail
