#pragma once

#include <functional>
#include <vector>

#include "catalogue/catalogue.h"
#include "catalogue/detail/sql_value.h"

namespace vern::catalogue::detail {

// The statements that apply a change set to the photos table, in the order every backend runs
// them in one transaction: the records put, the moves (a stale record at the new path gives way,
// the row and so its id move, then its record is written), the missing marks, the paths forgotten.
// Placeholders are `marker` and a number ('?' for SQLite, '$' for PostgreSQL); `put` makes a
// record's upsert, which each backend writes its own way.
std::vector<SqlStatement> change_statements(
    const ChangeSet& changes, char marker,
    const std::function<SqlStatement(const PhotoRecord&)>& put);

}  // namespace vern::catalogue::detail
