#pragma once

#include <algorithm>
#include <string>

#include "catalogue/detail/sql_value.h"
#include "catalogue/share_table.h"

namespace vern::catalogue::detail {

// The columns of the shares table every backend selects, in read_share()'s order.
inline constexpr const char* kShareColumns =
    "id, token_hash, recipient, selection, created, expires, downloads, password_hash, "
    "keep_location, revoked, sent, watermark";

// The statements both backends run on the shares tables, with SQLite's placeholders ?1, ?2, ...;
// postgres_sql() gives PostgreSQL's $1, $2, ...
inline constexpr const char* kInsertShare =
    "INSERT INTO shares (token_hash, recipient, selection, created, expires, downloads, "
    "password_hash, keep_location, watermark) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
inline constexpr const char* kInsertSharePhoto =
    "INSERT INTO share_photos (share_id, position, photo_id) VALUES (?1, ?2, ?3)";
inline constexpr const char* kRevokeShare = "UPDATE shares SET revoked = 1 WHERE id = ?1";
inline constexpr const char* kSetShareExpiry = "UPDATE shares SET expires = ?2 WHERE id = ?1";
inline constexpr const char* kSetShareTokenHash = "UPDATE shares SET token_hash = ?2 WHERE id = ?1";
inline constexpr const char* kSetShareSent = "UPDATE shares SET sent = ?2 WHERE id = ?1";
inline constexpr const char* kCountShareViews =
    "SELECT count(*) FROM share_views WHERE share_id = ?1";
inline constexpr const char* kInsertShareView =
    "INSERT INTO share_views (share_id, at, what, client) "
    "SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM shares WHERE id = ?1)";
inline constexpr const char* kDeleteShareMark =
    "DELETE FROM share_marks WHERE share_id = ?1 AND photo_id = ?2";
inline constexpr const char* kUpsertShareMark =
    "INSERT INTO share_marks (share_id, photo_id, state, rating, comment, updated) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (share_id, photo_id) DO UPDATE SET "
    "state = ?3, rating = ?4, comment = ?5, updated = ?6";
inline constexpr const char* kSelectShareMarks =
    "SELECT m.photo_id, m.state, m.rating, m.comment, m.updated FROM share_marks m "
    "LEFT JOIN share_photos p ON p.share_id = m.share_id AND p.photo_id = m.photo_id "
    "WHERE m.share_id = ?1 ORDER BY p.position, m.photo_id";
inline constexpr const char* kSelectSharePhotos =
    "SELECT photo_id FROM share_photos WHERE share_id = ?1 ORDER BY position";

// A statement above with PostgreSQL's placeholders.
inline std::string postgres_sql(std::string sql) {
  std::replace(sql.begin(), sql.end(), '?', '$');
  return sql;
}

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
