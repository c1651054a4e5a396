#include "catalogue/detail/catalogue_load.h"

#include "catalogue/detail/photo_columns.h"

namespace vern::catalogue::detail {
namespace {

std::string placeholders(char marker, int count) {
  std::string out;
  for (int i = 1; i <= count; ++i) {
    out += (i == 1 ? "" : ", ") + std::string(1, marker) + std::to_string(i);
  }
  return out;
}

}  // namespace

Result<void> load_statements(const CatalogueContents& contents, char marker,
                             const ExtraPhotoColumns& extra, const RunStatement& run) {
  auto names = extra.names;
  names.emplace_back("id");
  const std::string photo_sql = photo_upsert_sql(marker, names);
  for (const auto& photo : contents.photos) {
    auto values = photo_values(photo);
    if (extra.values) extra.values(photo, values);
    values.emplace_back(photo.id);
    if (auto r = run(photo_sql, values); !r) return r;
  }
  const std::string share_sql =
      "INSERT INTO shares (id, token_hash, recipient, selection, created, expires, downloads, "
      "password_hash, keep_location, revoked, sent, watermark) VALUES (" +
      placeholders(marker, 12) + ")";
  const std::string share_photo_sql =
      "INSERT INTO share_photos (share_id, position, photo_id) VALUES (" + placeholders(marker, 3) +
      ")";
  for (const auto& s : contents.shares) {
    if (auto r = run(share_sql,
                     {s.id, s.token_hash, s.recipient, s.selection, s.created, sql_value(s.expires),
                      s.downloads, sql_value(s.password_hash), std::int64_t{s.keep_location},
                      std::int64_t{s.revoked}, sql_value(s.sent), sql_value(s.watermark)});
        !r) {
      return r;
    }
    for (std::size_t i = 0; i < s.photo_ids.size(); ++i) {
      if (auto r = run(share_photo_sql, {s.id, static_cast<std::int64_t>(i), s.photo_ids[i]}); !r) {
        return r;
      }
    }
  }
  const std::string view_sql = "INSERT INTO share_views (share_id, at, what, client) VALUES (" +
                               placeholders(marker, 4) + ")";
  for (const auto& v : contents.views) {
    if (auto r = run(view_sql, {v.share_id, v.at, v.what, v.client}); !r) return r;
  }
  const std::string mark_sql =
      "INSERT INTO share_marks (share_id, photo_id, state, rating, comment, updated) VALUES (" +
      placeholders(marker, 6) + ")";
  for (const auto& m : contents.marks) {
    if (auto r = run(mark_sql, {m.share_id, m.photo_id, sql_value(m.state), sql_value(m.rating),
                                sql_value(m.comment), m.updated});
        !r) {
      return r;
    }
  }
  return {};
}

}  // namespace vern::catalogue::detail
