#pragma once

#include <memory>

#include "catalogue/detail/sqlite_store.h"
#include "catalogue/share_table.h"

namespace vern::catalogue::detail {

std::unique_ptr<ShareTable> make_sqlite_share_table(std::shared_ptr<SqliteStore> store);

}  // namespace vern::catalogue::detail
