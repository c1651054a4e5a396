#pragma once

#include "catalogue/detail/sql_value.h"
#include "catalogue/share_table.h"

namespace vern::catalogue::detail {

// The columns of the shares table every backend selects, in read_share()'s order.
inline constexpr const char* kShareColumns =
    "id, token_hash, recipient, selection, created, expires, downloads, password_hash, "
    "keep_location, revoked, sent, watermark";

// The share of the current row of a statement selecting kShareColumns (its photos not included).
inline Share read_share(const RowCells& row) {
  Share share;
  share.id = row.integer(0);
  share.token_hash = std::string(row.text(1));
  share.recipient = std::string(row.text(2));
  share.selection = std::string(row.text(3));
  share.created = std::string(row.text(4));
  share.expires = row.optional_text(5);
  share.downloads = row.optional_text(6).value_or("none");
  share.password_hash = row.optional_text(7);
  share.keep_location = row.integer(8) != 0;
  share.revoked = row.integer(9) != 0;
  share.sent = row.optional_text(10);
  share.watermark = row.optional_text(11);
  return share;
}

}  // namespace vern::catalogue::detail
