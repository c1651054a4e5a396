#pragma once

#include <memory>

#include "catalogue/detail/pg_store.h"
#include "catalogue/share_table.h"

namespace vern::catalogue::detail {

std::unique_ptr<ShareTable> make_pg_share_table(std::shared_ptr<PgStore> store);

}  // namespace vern::catalogue::detail
