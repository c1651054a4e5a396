#include "catalogue/detail/sqlite_schema.h"

#include "catalogue/catalogue.h"
#include "catalogue/detail/schema_error.h"
#include "catalogue/detail/sqlite_handles.h"

namespace vern::catalogue::detail {
namespace {

// Russian writers use "е" for "ё" freely; the full-text index and the queries fold one into the
// other (FTS5's diacritics removal covers Latin letters only).
// clang-format off
#define VERN_FOLD(x) "replace(replace(" x ", 'ё', 'е'), 'Ё', 'Е')"
// The values of one full-text row, from the photos row `row`.
#define VERN_TEXT_VALUES(row)                                                   \
  row ".id, " VERN_FOLD(row ".title") ", " VERN_FOLD(row ".caption") ", "       \
  VERN_FOLD(row ".keywords") ", " VERN_FOLD(row ".creator") ", "                \
  VERN_FOLD(row ".file_name") ", " VERN_FOLD(row ".folder") ", "                \
  "coalesce(" row ".camera_make, '') || ' ' || coalesce(" row ".camera_model, ''), " \
  row ".lens"
#define VERN_TEXT_COLUMNS "title, caption, keywords, creator, file_name, album, camera, lens"
// clang-format on

// Schema changes, applied in order; entry N brings a store from version N to N+1.
constexpr const char* kMigrations[] = {
    // 1: the photos, one row per path.
    R"sql(
CREATE TABLE photos (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  size_bytes INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  format TEXT NOT NULL,
  width INTEGER, height INTEGER, orientation INTEGER,
  taken_at TEXT, camera_make TEXT, camera_model TEXT, lens TEXT,
  focal_length_mm REAL, aperture REAL, exposure_time_s REAL, iso INTEGER,
  gps_lat REAL, gps_lon REAL, gps_alt_m REAL,
  title TEXT, caption TEXT, keywords TEXT NOT NULL DEFAULT '[]',
  creator TEXT, copyright TEXT, rating INTEGER,
  thumbhash TEXT NOT NULL DEFAULT '',
  decode_problem TEXT NOT NULL DEFAULT '',
  missing INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX photos_by_content ON photos(content_hash);
)sql",
    // 2: the archive. The file name and folder are split off the path so that free text and
    // album: can match them; the full-text table keeps its own folded copy of the text columns,
    // maintained by triggers so that every writer (build, index, a later server) keeps it right.
    "ALTER TABLE photos ADD COLUMN file_name TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE photos ADD COLUMN folder TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE photos ADD COLUMN perceptual_hash INTEGER;"
    // rtrim(path, <every character of path but '/'>) leaves the folder with its trailing slash.
    "UPDATE photos SET folder = rtrim(path, replace(path, '/', ''));"
    "UPDATE photos SET file_name = substr(path, length(folder) + 1),"
    "  folder = CASE WHEN length(folder) > 1 THEN substr(folder, 1, length(folder) - 1)"
    "  ELSE folder END;"
    "CREATE INDEX photos_by_taken ON photos(taken_at);"
    "CREATE VIRTUAL TABLE photos_text USING fts5("
    "  " VERN_TEXT_COLUMNS ","
    "  tokenize = 'unicode61 remove_diacritics 2');"
    "CREATE TRIGGER photos_text_insert AFTER INSERT ON photos BEGIN"
    "  INSERT INTO photos_text(rowid, " VERN_TEXT_COLUMNS ")"
    "  VALUES (" VERN_TEXT_VALUES("new") ");"
    "END;"
    "CREATE TRIGGER photos_text_delete AFTER DELETE ON photos BEGIN"
    "  DELETE FROM photos_text WHERE rowid = old.id;"
    "END;"
    "CREATE TRIGGER photos_text_update"
    "  AFTER UPDATE OF title, caption, keywords, creator, file_name, folder, camera_make,"
    "  camera_model, lens ON photos BEGIN"
    "  DELETE FROM photos_text WHERE rowid = old.id;"
    "  INSERT INTO photos_text(rowid, " VERN_TEXT_COLUMNS ")"
    "  VALUES (" VERN_TEXT_VALUES("new") ");"
    "END;"
    "INSERT INTO photos_text(rowid, " VERN_TEXT_COLUMNS ")"
    "  SELECT " VERN_TEXT_VALUES("p") " FROM photos p;",
    // 3: private share links. A share lists its photos by id (which follows a photo when its file
    // moves), fixed when the link is made; the token itself is never stored, only its hash.
    R"sql(
CREATE TABLE shares (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  recipient TEXT NOT NULL,
  selection TEXT NOT NULL,
  created TEXT NOT NULL,
  expires TEXT,
  downloads TEXT NOT NULL,
  password_hash TEXT,
  keep_location INTEGER NOT NULL DEFAULT 0,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE share_photos (
  share_id INTEGER NOT NULL REFERENCES shares(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  photo_id INTEGER NOT NULL,
  PRIMARY KEY (share_id, position)
);
CREATE TABLE share_views (
  share_id INTEGER NOT NULL REFERENCES shares(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  what TEXT NOT NULL,
  client TEXT NOT NULL
);
CREATE INDEX share_views_by_share ON share_views(share_id, at);
)sql",
    // 4: proofing. What a link's recipient marked on each photo (by id, so marks follow a moved
    // file), and when they last sent their selection.
    R"sql(
CREATE TABLE share_marks (
  share_id INTEGER NOT NULL REFERENCES shares(id) ON DELETE CASCADE,
  photo_id INTEGER NOT NULL,
  state TEXT CHECK (state IN ('pick', 'reject')),
  rating INTEGER CHECK (rating BETWEEN 1 AND 5),
  comment TEXT,
  updated TEXT NOT NULL,
  PRIMARY KEY (share_id, photo_id)
);
ALTER TABLE shares ADD COLUMN sent TEXT;
)sql",
    // 5: a watermark burned into one link's images, as JSON (text, image, image_hash, position,
    // opacity); null for none.
    "ALTER TABLE shares ADD COLUMN watermark TEXT;",
    // 6: camera RAW and sidecars. The editor's colour label; the sidecars' and a RAW+JPEG pair's
    // other file's names, sizes and mtimes (a changed sidecar is a changed photo); that other
    // file's path, as a JSON list; the file's own orientation tag where a sidecar or the pixels
    // overrule it (0: none).
    R"sql(
ALTER TABLE photos ADD COLUMN label TEXT;
ALTER TABLE photos ADD COLUMN attached TEXT NOT NULL DEFAULT '';
ALTER TABLE photos ADD COLUMN companions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE photos ADD COLUMN file_orientation INTEGER NOT NULL DEFAULT 0;
)sql",
};
static_assert(std::size(kMigrations) == kSchemaVersion);

#undef VERN_TEXT_VALUES
#undef VERN_TEXT_COLUMNS
#undef VERN_FOLD

}  // namespace

Result<int> schema_version(sqlite3* db, const std::string& file) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &raw, nullptr) != SQLITE_OK) {
    return tl::unexpected(
        sqlite_error(db, "not a readable catalogue (corrupt or not SQLite)", file));
  }
  Statement s(raw);
  if (sqlite3_step(s.get()) != SQLITE_ROW) {
    return tl::unexpected(
        sqlite_error(db, "not a readable catalogue (corrupt or not SQLite)", file));
  }
  return sqlite3_column_int(s.get(), 0);
}

Result<void> migrate(sqlite3* db, const std::string& file) {
  // A current store needs no write lock: readers open it while an index run is writing.
  if (auto current = schema_version(db, file); current && *current == kSchemaVersion) return {};
  if (auto r = execute(db, "BEGIN IMMEDIATE", file); !r) return r;
  const auto rollback = [&](auto error) {
    (void)execute(db, "ROLLBACK", file);
    return error;
  };
  auto version = schema_version(db, file);
  if (!version) return rollback(tl::unexpected(version.error()));
  if (*version > kSchemaVersion) {
    return rollback(tl::unexpected(newer_schema_error(*version, file)));
  }
  if (*version == kSchemaVersion) return execute(db, "COMMIT", file);
  for (int v = *version; v < kSchemaVersion; ++v) {
    if (auto r = execute(db, kMigrations[v], file); !r) return rollback(r);
  }
  const std::string set_version = "PRAGMA user_version = " + std::to_string(kSchemaVersion);
  if (auto r = execute(db, set_version.c_str(), file); !r) return rollback(r);
  return execute(db, "COMMIT", file);
}

}  // namespace vern::catalogue::detail
