#include <sqlite3.h>

#include <cstdlib>
#include <mutex>
#include <nlohmann/json.hpp>
#include <system_error>

#include "catalogue/catalogue.h"

namespace vern::catalogue {
namespace {

struct SqliteClose {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct SqliteFinalize {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Database = std::unique_ptr<sqlite3, SqliteClose>;
using Statement = std::unique_ptr<sqlite3_stmt, SqliteFinalize>;

// Schema changes, applied in order; entry N brings a store from version N to N+1.
constexpr const char* kMigrations[] = {
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
};

Error sqlite_error(sqlite3* db, const std::string& what, const std::string& file) {
  return Error{ErrorCode::kIo, "catalogue: " + what + ": " + sqlite3_errmsg(db), file};
}

template <class T>
void bind_optional(sqlite3_stmt* s, int index, const std::optional<T>& value) {
  if (!value) {
    sqlite3_bind_null(s, index);
  } else if constexpr (std::is_same_v<T, std::string>) {
    sqlite3_bind_text(s, index, value->c_str(), static_cast<int>(value->size()), SQLITE_TRANSIENT);
  } else if constexpr (std::is_integral_v<T>) {
    sqlite3_bind_int64(s, index, *value);
  } else {
    sqlite3_bind_double(s, index, *value);
  }
}

std::optional<std::string> column_text(sqlite3_stmt* s, int index) {
  if (sqlite3_column_type(s, index) == SQLITE_NULL) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, index)),
                     static_cast<std::size_t>(sqlite3_column_bytes(s, index)));
}
std::optional<int> column_int(sqlite3_stmt* s, int index) {
  if (sqlite3_column_type(s, index) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int(s, index);
}
std::optional<double> column_double(sqlite3_stmt* s, int index) {
  if (sqlite3_column_type(s, index) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_double(s, index);
}

constexpr const char* kColumns =
    "path, size_bytes, mtime_ns, content_hash, format, width, height, orientation, taken_at, "
    "camera_make, camera_model, lens, focal_length_mm, aperture, exposure_time_s, iso, gps_lat, "
    "gps_lon, gps_alt_m, title, caption, keywords, creator, copyright, rating, thumbhash, "
    "decode_problem, missing";

PhotoRecord read_row(sqlite3_stmt* s) {
  PhotoRecord r;
  r.path = column_text(s, 0).value_or("");
  r.size_bytes = static_cast<std::uintmax_t>(sqlite3_column_int64(s, 1));
  r.mtime_ns = sqlite3_column_int64(s, 2);
  r.content_hash = column_text(s, 3).value_or("");
  r.format = column_text(s, 4).value_or("");
  auto& m = r.metadata;
  m.width = column_int(s, 5);
  m.height = column_int(s, 6);
  m.orientation = column_int(s, 7);
  m.taken_at = column_text(s, 8);
  m.camera_make = column_text(s, 9);
  m.camera_model = column_text(s, 10);
  m.lens = column_text(s, 11);
  m.focal_length_mm = column_double(s, 12);
  m.aperture = column_double(s, 13);
  m.exposure_time_s = column_double(s, 14);
  m.iso = column_int(s, 15);
  if (const auto lat = column_double(s, 16), lon = column_double(s, 17); lat && lon) {
    m.gps = GpsPosition{*lat, *lon, column_double(s, 18)};
  }
  m.title = column_text(s, 19);
  m.caption = column_text(s, 20);
  const auto keywords = nlohmann::json::parse(column_text(s, 21).value_or("[]"), nullptr, false);
  if (keywords.is_array()) {
    for (const auto& k : keywords) {
      if (k.is_string()) m.keywords.push_back(k.get<std::string>());
    }
  }
  m.creator = column_text(s, 22);
  m.copyright = column_text(s, 23);
  m.rating = column_int(s, 24);
  r.thumbhash = column_text(s, 25).value_or("");
  r.decode_problem = column_text(s, 26).value_or("");
  r.missing = sqlite3_column_int(s, 27) != 0;
  return r;
}

class SqliteCatalogue final : public Catalogue {
 public:
  SqliteCatalogue(Database db, std::string file) : db_(std::move(db)), file_(std::move(file)) {}

  Result<std::optional<PhotoRecord>> find(const std::string& path) override {
    std::lock_guard lock(mutex_);
    auto s = prepare(std::string("SELECT ") + kColumns + " FROM photos WHERE path = ?1");
    if (!s) return tl::unexpected(s.error());
    sqlite3_bind_text(s->get(), 1, path.c_str(), static_cast<int>(path.size()), SQLITE_TRANSIENT);
    return single_row(s->get());
  }

  Result<std::optional<PhotoRecord>> find_by_content(const std::string& content_hash) override {
    std::lock_guard lock(mutex_);
    auto s = prepare(std::string("SELECT ") + kColumns +
                     " FROM photos WHERE content_hash = ?1 ORDER BY id DESC LIMIT 1");
    if (!s) return tl::unexpected(s.error());
    sqlite3_bind_text(s->get(), 1, content_hash.c_str(), static_cast<int>(content_hash.size()),
                      SQLITE_TRANSIENT);
    return single_row(s->get());
  }

  Result<std::vector<PhotoRecord>> all() override {
    std::lock_guard lock(mutex_);
    auto s = prepare(std::string("SELECT ") + kColumns + " FROM photos");
    if (!s) return tl::unexpected(s.error());
    std::vector<PhotoRecord> records;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(s->get())) == SQLITE_ROW) records.push_back(read_row(s->get()));
    if (rc != SQLITE_DONE) return tl::unexpected(sqlite_error(db_.get(), "cannot read", file_));
    return records;
  }

  Result<void> put(const PhotoRecord& r) override {
    std::lock_guard lock(mutex_);
    auto s = prepare(std::string("INSERT INTO photos (") + kColumns +
                     ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                     "?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28) "
                     "ON CONFLICT(path) DO UPDATE SET size_bytes = excluded.size_bytes, "
                     "mtime_ns = excluded.mtime_ns, content_hash = excluded.content_hash, "
                     "format = excluded.format, width = excluded.width, height = excluded.height, "
                     "orientation = excluded.orientation, taken_at = excluded.taken_at, "
                     "camera_make = excluded.camera_make, camera_model = excluded.camera_model, "
                     "lens = excluded.lens, focal_length_mm = excluded.focal_length_mm, "
                     "aperture = excluded.aperture, exposure_time_s = excluded.exposure_time_s, "
                     "iso = excluded.iso, gps_lat = excluded.gps_lat, gps_lon = excluded.gps_lon, "
                     "gps_alt_m = excluded.gps_alt_m, title = excluded.title, "
                     "caption = excluded.caption, keywords = excluded.keywords, "
                     "creator = excluded.creator, copyright = excluded.copyright, "
                     "rating = excluded.rating, thumbhash = excluded.thumbhash, "
                     "decode_problem = excluded.decode_problem, missing = excluded.missing");
    if (!s) return tl::unexpected(s.error());
    sqlite3_stmt* st = s->get();
    const auto& m = r.metadata;
    sqlite3_bind_text(st, 1, r.path.c_str(), static_cast<int>(r.path.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, static_cast<sqlite3_int64>(r.size_bytes));
    sqlite3_bind_int64(st, 3, r.mtime_ns);
    bind_optional(st, 4, std::optional(r.content_hash));
    bind_optional(st, 5, std::optional(r.format));
    bind_optional(st, 6, m.width);
    bind_optional(st, 7, m.height);
    bind_optional(st, 8, m.orientation);
    bind_optional(st, 9, m.taken_at);
    bind_optional(st, 10, m.camera_make);
    bind_optional(st, 11, m.camera_model);
    bind_optional(st, 12, m.lens);
    bind_optional(st, 13, m.focal_length_mm);
    bind_optional(st, 14, m.aperture);
    bind_optional(st, 15, m.exposure_time_s);
    bind_optional(st, 16, m.iso);
    bind_optional(st, 17, m.gps ? std::optional(m.gps->latitude) : std::nullopt);
    bind_optional(st, 18, m.gps ? std::optional(m.gps->longitude) : std::nullopt);
    bind_optional(st, 19, m.gps ? m.gps->altitude_m : std::nullopt);
    bind_optional(st, 20, m.title);
    bind_optional(st, 21, m.caption);
    bind_optional(st, 22, std::optional(nlohmann::json(m.keywords).dump(
                              -1, ' ', false, nlohmann::json::error_handler_t::replace)));
    bind_optional(st, 23, m.creator);
    bind_optional(st, 24, m.copyright);
    bind_optional(st, 25, m.rating);
    bind_optional(st, 26, std::optional(r.thumbhash));
    bind_optional(st, 27, std::optional(r.decode_problem));
    bind_optional(st, 28, std::optional<int>(r.missing ? 1 : 0));
    if (sqlite3_step(st) != SQLITE_DONE) {
      return tl::unexpected(sqlite_error(db_.get(), "cannot write", file_));
    }
    return {};
  }

 private:
  Result<std::optional<PhotoRecord>> single_row(sqlite3_stmt* statement) {
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW) return read_row(statement);
    if (rc == SQLITE_DONE) return std::optional<PhotoRecord>();
    return tl::unexpected(sqlite_error(db_.get(), "cannot read", file_));
  }

  Result<Statement> prepare(const std::string& sql) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
      return tl::unexpected(sqlite_error(db_.get(), "cannot prepare query", file_));
    }
    return Statement(raw);
  }

  Database db_;
  const std::string file_;
  std::mutex mutex_;
};

Result<void> execute(sqlite3* db, const char* sql, const std::string& file) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message != nullptr ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    return fail(ErrorCode::kIo, "catalogue: " + text, file);
  }
  return {};
}

Result<int> schema_version(sqlite3* db, const std::string& file) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &raw, nullptr) != SQLITE_OK) {
    return tl::unexpected(sqlite_error(db, "not a readable catalogue (corrupt or not SQLite)", file));
  }
  Statement s(raw);
  if (sqlite3_step(s.get()) != SQLITE_ROW) {
    return tl::unexpected(sqlite_error(db, "not a readable catalogue (corrupt or not SQLite)", file));
  }
  return sqlite3_column_int(s.get(), 0);
}

// Brings the store up to kSchemaVersion inside one write transaction, so two processes opening
// an old store at once cannot both migrate it.
Result<void> migrate(sqlite3* db, const std::string& file) {
  if (auto r = execute(db, "BEGIN IMMEDIATE", file); !r) return r;
  auto version = schema_version(db, file);
  if (!version) {
    (void)execute(db, "ROLLBACK", file);
    return tl::unexpected(version.error());
  }
  if (*version > kSchemaVersion) {
    (void)execute(db, "ROLLBACK", file);
    return fail(ErrorCode::kInvalidInput,
                "catalogue was written by a newer Vernissage (schema " + std::to_string(*version) +
                    ", this version knows up to " + std::to_string(kSchemaVersion) +
                    "); upgrade Vernissage or choose another catalogue with --catalogue",
                file);
  }
  for (int v = *version; v < kSchemaVersion; ++v) {
    if (auto r = execute(db, kMigrations[v], file); !r) {
      (void)execute(db, "ROLLBACK", file);
      return r;
    }
  }
  const std::string set_version = "PRAGMA user_version = " + std::to_string(kSchemaVersion);
  if (auto r = execute(db, set_version.c_str(), file); !r) {
    (void)execute(db, "ROLLBACK", file);
    return r;
  }
  return execute(db, "COMMIT", file);
}

}  // namespace

Result<std::unique_ptr<Catalogue>> open_sqlite_catalogue(const std::filesystem::path& file) {
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(file.c_str(), &raw,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                                 nullptr);
  Database db(raw);
  if (rc != SQLITE_OK) {
    return fail(ErrorCode::kIo,
                std::string("cannot open catalogue: ") + (raw ? sqlite3_errmsg(raw) : "out of memory"),
                file.string());
  }
  // Writers from other processes (a second build, an index run) wait their turn.
  sqlite3_busy_timeout(db.get(), 30'000);
  if (auto version = schema_version(db.get(), file.string()); !version) {
    return tl::unexpected(version.error());
  }
  if (auto r = execute(db.get(), "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
                       file.string());
      !r) {
    return tl::unexpected(Error{ErrorCode::kCorrupt,
                                "not a readable catalogue (corrupt or not SQLite): " + r.error().message,
                                file.string()});
  }
  if (auto r = migrate(db.get(), file.string()); !r) return tl::unexpected(r.error());
  return std::make_unique<SqliteCatalogue>(std::move(db), file.string());
}

std::filesystem::path default_catalogue_path() {
  if (const char* explicit_path = std::getenv("VERNISSAGE_CATALOGUE"); explicit_path && *explicit_path) {
    return explicit_path;
  }
  if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data) {
    return std::filesystem::path(data) / "vernissage" / "catalogue.db";
  }
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".local/share/vernissage/catalogue.db";
}

}  // namespace vern::catalogue
