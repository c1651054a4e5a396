#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <system_error>
#include <variant>

#include "catalogue/catalogue.h"
#include "catalogue/detail/sqlite_handles.h"
#include "catalogue/detail/sqlite_schema.h"
#include "catalogue/detail/sqlite_search.h"

namespace vern::catalogue {
namespace {

using detail::Database;
using detail::execute;
using detail::sqlite_error;
using detail::Statement;

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

// The columns every read returns, in read_row()'s order, qualified for "FROM photos p".
constexpr const char* kColumns =
    "p.path, p.size_bytes, p.mtime_ns, p.content_hash, p.format, p.width, p.height, "
    "p.orientation, p.taken_at, p.camera_make, p.camera_model, p.lens, p.focal_length_mm, "
    "p.aperture, p.exposure_time_s, p.iso, p.gps_lat, p.gps_lon, p.gps_alt_m, p.title, p.caption, "
    "p.keywords, p.creator, p.copyright, p.rating, p.thumbhash, p.decode_problem, p.missing, "
    "p.id, p.perceptual_hash";

// The columns put() writes, in bind_record()'s order.
constexpr const char* kWrittenColumns =
    "path, size_bytes, mtime_ns, content_hash, format, width, height, orientation, taken_at, "
    "camera_make, camera_model, lens, focal_length_mm, aperture, exposure_time_s, iso, gps_lat, "
    "gps_lon, gps_alt_m, title, caption, keywords, creator, copyright, rating, thumbhash, "
    "decode_problem, missing, perceptual_hash, file_name, folder";
constexpr int kWrittenColumnCount = 31;

std::string placeholders(int count) {
  std::string out;
  for (int i = 1; i <= count; ++i) out += (i > 1 ? ", ?" : "?") + std::to_string(i);
  return out;
}

// "col = excluded.col" for every written column but the path, for upserts.
std::string update_from_excluded() {
  std::string out;
  std::string_view columns = kWrittenColumns;
  bool first = true;
  while (!columns.empty()) {
    const auto comma = columns.find(',');
    auto name = columns.substr(0, comma);
    while (name.starts_with(' ')) name.remove_prefix(1);
    if (name != "path") {
      out += (first ? "" : ", ") + std::string(name) + " = excluded." + std::string(name);
      first = false;
    }
    columns = comma == std::string_view::npos ? std::string_view() : columns.substr(comma + 1);
  }
  return out;
}

// The statement put() runs: insert a row, or update every column of the row with that path.
// Built once: put() runs for every photo a build or an index records.
const std::string& upsert_sql() {
  static const std::string sql = std::string("INSERT INTO photos (") + kWrittenColumns +
                                 ") VALUES (" + placeholders(kWrittenColumnCount) +
                                 ") ON CONFLICT(path) DO UPDATE SET " + update_from_excluded();
  return sql;
}

std::string_view column_view(sqlite3_stmt* s, int index) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, index));
  return text ? std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(s, index)))
              : std::string_view("[]");
}

// Keywords are stored as the JSON array put() writes. A search reads thousands of rows, so the
// common case (strings without \u escapes) is read here directly; anything else goes to the JSON
// parser.
std::vector<std::string> read_keywords(std::string_view json) {
  std::vector<std::string> keywords;
  std::size_t i = 0;
  const auto fallback = [&] {
    keywords.clear();
    const auto parsed = nlohmann::json::parse(json, nullptr, false);
    if (parsed.is_array()) {
      for (const auto& k : parsed) {
        if (k.is_string()) keywords.push_back(k.get<std::string>());
      }
    }
    return keywords;
  };
  if (json.size() < 2 || json.front() != '[' || json.back() != ']') return fallback();
  for (i = 1; i + 1 < json.size();) {
    if (json[i] == ',') ++i;
    if (json[i] != '"') return fallback();
    std::string keyword;
    for (++i; i < json.size() && json[i] != '"'; ++i) {
      if (json[i] != '\\') {
        keyword += json[i];
        continue;
      }
      if (++i >= json.size()) return fallback();
      switch (json[i]) {
        case '"':
        case '\\':
        case '/':
          keyword += json[i];
          break;
        case 'n':
          keyword += '\n';
          break;
        case 't':
          keyword += '\t';
          break;
        case 'r':
          keyword += '\r';
          break;
        case 'b':
          keyword += '\b';
          break;
        case 'f':
          keyword += '\f';
          break;
        default:
          return fallback();
      }
    }
    if (i >= json.size()) return fallback();
    ++i;  // the closing quote
    keywords.push_back(std::move(keyword));
  }
  return keywords;
}

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
  m.keywords = read_keywords(column_view(s, 21));
  m.creator = column_text(s, 22);
  m.copyright = column_text(s, 23);
  m.rating = column_int(s, 24);
  r.thumbhash = column_text(s, 25).value_or("");
  r.decode_problem = column_text(s, 26).value_or("");
  r.missing = sqlite3_column_int(s, 27) != 0;
  r.id = sqlite3_column_int64(s, 28);
  if (sqlite3_column_type(s, 29) != SQLITE_NULL) {
    // Stored as the signed 64-bit integer with the same bits.
    r.perceptual_hash = static_cast<std::uint64_t>(sqlite3_column_int64(s, 29));
  }
  return r;
}

// Binds every written column of `r` to ?1..?31.
void bind_record(sqlite3_stmt* st, const PhotoRecord& r) {
  const auto& m = r.metadata;
  const std::filesystem::path path(r.path);
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
  bind_optional(st, 22,
                std::optional(nlohmann::json(m.keywords)
                                  .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  bind_optional(st, 23, m.creator);
  bind_optional(st, 24, m.copyright);
  bind_optional(st, 25, m.rating);
  bind_optional(st, 26, std::optional(r.thumbhash));
  bind_optional(st, 27, std::optional(r.decode_problem));
  bind_optional(st, 28, std::optional<int>(r.missing ? 1 : 0));
  bind_optional(st, 29,
                r.perceptual_hash ? std::optional(static_cast<std::int64_t>(*r.perceptual_hash))
                                  : std::nullopt);
  bind_optional(st, 30, std::optional(path.filename().string()));
  bind_optional(st, 31, std::optional(path.parent_path().string()));
}

void bind_value(sqlite3_stmt* st, int index, const detail::SqlValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) {
    sqlite3_bind_text(st, index, text->c_str(), static_cast<int>(text->size()), SQLITE_TRANSIENT);
  } else if (const auto* number = std::get_if<double>(&value)) {
    sqlite3_bind_double(st, index, *number);
  } else {
    sqlite3_bind_int64(st, index, std::get<std::int64_t>(value));
  }
}

class SqliteCatalogue final : public Catalogue {
 public:
  SqliteCatalogue(Database db, std::string file) : db_(std::move(db)), file_(std::move(file)) {}

  Result<std::optional<PhotoRecord>> find(const std::string& path) override {
    std::lock_guard lock(mutex_);
    auto s = prepare(std::string("SELECT ") + kColumns + " FROM photos p WHERE p.path = ?1");
    if (!s) return tl::unexpected(s.error());
    sqlite3_bind_text(s->get(), 1, path.c_str(), static_cast<int>(path.size()), SQLITE_TRANSIENT);
    return single_row(s->get());
  }

  Result<std::optional<PhotoRecord>> find_by_content(const std::string& content_hash) override {
    std::lock_guard lock(mutex_);
    auto s = prepare(std::string("SELECT ") + kColumns +
                     " FROM photos p WHERE p.content_hash = ?1 ORDER BY p.id DESC LIMIT 1");
    if (!s) return tl::unexpected(s.error());
    sqlite3_bind_text(s->get(), 1, content_hash.c_str(), static_cast<int>(content_hash.size()),
                      SQLITE_TRANSIENT);
    return single_row(s->get());
  }

  Result<std::vector<PhotoRecord>> all() override {
    std::lock_guard lock(mutex_);
    auto s = prepare(std::string("SELECT ") + kColumns + " FROM photos p ORDER BY p.id");
    if (!s) return tl::unexpected(s.error());
    return all_rows(s->get());
  }

  Result<void> put(const PhotoRecord& r) override {
    std::lock_guard lock(mutex_);
    return put_locked(r);
  }

  Result<void> apply(const ChangeSet& changes) override {
    // Nothing to write takes no write lock: a no-op index never makes another writer wait.
    if (changes.empty()) return {};
    std::lock_guard lock(mutex_);
    // IMMEDIATE takes the write lock at once, so a concurrent writer makes this wait (busy
    // timeout) instead of failing halfway through.
    if (auto r = execute(db_.get(), "BEGIN IMMEDIATE", file_); !r) return r;
    auto applied = apply_locked(changes);
    if (!applied) {
      (void)execute(db_.get(), "ROLLBACK", file_);
      return applied;
    }
    return execute(db_.get(), "COMMIT", file_);
  }

  Result<std::vector<PhotoRecord>> search(const SearchQuery& query) override {
    std::lock_guard lock(mutex_);
    const auto statement = detail::search_statement(query, kColumns);
    auto s = prepare(statement.sql);
    if (!s) return tl::unexpected(s.error());
    for (std::size_t i = 0; i < statement.values.size(); ++i) {
      bind_value(s->get(), static_cast<int>(i + 1), statement.values[i]);
    }
    return all_rows(s->get());
  }

 private:
  Result<void> put_locked(const PhotoRecord& r) {
    auto s = cached(put_statement_, upsert_sql());
    if (!s) return tl::unexpected(s.error());
    bind_record(*s, r);
    return step_done(*s, "cannot write");
  }

  Result<void> apply_locked(const ChangeSet& changes) {
    for (const auto& record : changes.put) {
      if (auto r = put_locked(record); !r) return r;
    }
    for (const auto& move : changes.moved) {
      // The row keeps its id; a record already at the new path (a stale one) gives way.
      if (auto r = path_statement("DELETE FROM photos WHERE path = ?1", move.record.path); !r) {
        return r;
      }
      if (auto r = path_statement("UPDATE photos SET path = ?2 WHERE path = ?1", move.from_path,
                                  move.record.path);
          !r) {
        return r;
      }
      if (auto r = put_locked(move.record); !r) return r;
    }
    for (const auto& path : changes.missing) {
      if (auto r = path_statement("UPDATE photos SET missing = 1 WHERE path = ?1", path); !r) {
        return r;
      }
    }
    for (const auto& path : changes.forgotten) {
      if (auto r = path_statement("DELETE FROM photos WHERE path = ?1", path); !r) return r;
    }
    return {};
  }

  Result<void> path_statement(const char* sql, const std::string& first,
                              const std::string& second = {}) {
    auto s = prepare(sql);
    if (!s) return tl::unexpected(s.error());
    sqlite3_bind_text(s->get(), 1, first.c_str(), static_cast<int>(first.size()), SQLITE_TRANSIENT);
    if (sqlite3_bind_parameter_count(s->get()) > 1) {
      sqlite3_bind_text(s->get(), 2, second.c_str(), static_cast<int>(second.size()),
                        SQLITE_TRANSIENT);
    }
    return step_done(s->get(), "cannot write");
  }

  Result<void> step_done(sqlite3_stmt* statement, const char* what) {
    if (sqlite3_step(statement) != SQLITE_DONE) {
      return tl::unexpected(sqlite_error(db_.get(), what, file_));
    }
    return {};
  }

  Result<std::optional<PhotoRecord>> single_row(sqlite3_stmt* statement) {
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW) return read_row(statement);
    if (rc == SQLITE_DONE) return std::optional<PhotoRecord>();
    return tl::unexpected(sqlite_error(db_.get(), "cannot read", file_));
  }

  Result<std::vector<PhotoRecord>> all_rows(sqlite3_stmt* statement) {
    std::vector<PhotoRecord> records;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) records.push_back(read_row(statement));
    if (rc != SQLITE_DONE) return tl::unexpected(sqlite_error(db_.get(), "cannot read", file_));
    return records;
  }

  Result<Statement> prepare(const std::string& sql) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
      return tl::unexpected(sqlite_error(db_.get(), "cannot prepare query", file_));
    }
    return Statement(raw);
  }

  // A statement prepared once and reset for each use (an index run writes thousands of rows).
  Result<sqlite3_stmt*> cached(Statement& slot, const std::string& sql) {
    if (!slot) {
      auto s = prepare(sql);
      if (!s) return tl::unexpected(s.error());
      slot = std::move(*s);
    }
    sqlite3_reset(slot.get());
    sqlite3_clear_bindings(slot.get());
    return slot.get();
  }

  Database db_;
  const std::string file_;
  std::mutex mutex_;
  Statement put_statement_;  // declared after db_: finalized before the database closes
};

}  // namespace

Result<std::unique_ptr<Catalogue>> open_sqlite_catalogue(const std::filesystem::path& file,
                                                         OpenMode mode) {
  std::error_code ec;
  if (mode == OpenMode::kExisting && file != ":memory:" && !std::filesystem::exists(file, ec)) {
    return fail(ErrorCode::kIo, "no catalogue here; run `vernissage index PHOTOS` first",
                file.string());
  }
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  sqlite3* raw = nullptr;
  // NOMUTEX: every call on the connection holds SqliteCatalogue::mutex_ already, so SQLite's
  // own per-call locking would only add cost (it was 6 % of a search).
  const int rc =
      sqlite3_open_v2(file.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  Database db(raw);
  if (rc != SQLITE_OK) {
    return fail(
        ErrorCode::kIo,
        std::string("cannot open catalogue: ") + (raw ? sqlite3_errmsg(raw) : "out of memory"),
        file.string());
  }
  // Writers from other processes (a second build, an index run) wait their turn.
  sqlite3_busy_timeout(db.get(), 30'000);
  if (auto version = detail::schema_version(db.get(), file.string()); !version) {
    return tl::unexpected(version.error());
  }
  if (auto r = execute(db.get(), "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
                       file.string());
      !r) {
    return tl::unexpected(Error{
        ErrorCode::kCorrupt,
        "not a readable catalogue (corrupt or not SQLite): " + r.error().message, file.string()});
  }
  if (auto r = detail::migrate(db.get(), file.string()); !r) return tl::unexpected(r.error());
  return std::make_unique<SqliteCatalogue>(std::move(db), file.string());
}

std::filesystem::path default_catalogue_path() {
  if (const char* explicit_path = std::getenv("VERNISSAGE_CATALOGUE");
      explicit_path && *explicit_path) {
    return explicit_path;
  }
  if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data) {
    return std::filesystem::path(data) / "vernissage" / "catalogue.db";
  }
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".local/share/vernissage/catalogue.db";
}

}  // namespace vern::catalogue
