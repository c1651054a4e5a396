#pragma once

#include <libpq-fe.h>

#include <string>

#include "core/result.h"

namespace vern::catalogue::detail {

// The version recorded in the database (0 when it holds no catalogue yet).
[[nodiscard]] Result<int> pg_schema_version(PGconn* connection, const std::string& location);

// Brings the database up to kSchemaVersion in one transaction, holding an advisory lock so that
// processes opening a new database at once wait for the first to create it. Refuses a database
// written by a newer version.
[[nodiscard]] Result<void> pg_migrate(PGconn* connection, const std::string& location);

}  // namespace vern::catalogue::detail
