#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <system_error>
#include <variant>

#include "catalogue/catalogue_tables.h"
#include "catalogue/detail/catalogue_load.h"
#include "catalogue/detail/change_statements.h"
#include "catalogue/detail/photo_columns.h"
#include "catalogue/detail/search_statement.h"
#include "catalogue/detail/sqlite_share_table.h"
#include "catalogue/detail/sqlite_store.h"

namespace vern::catalogue {
namespace {

using detail::bind_text;
using detail::SqliteStore;
using Session = SqliteStore::Session;

Result<std::optional<PhotoRecord>> single_row(Session& session, sqlite3_stmt* statement) {
  const int rc = sqlite3_step(statement);
  if (rc == SQLITE_ROW) return detail::read_photo_row(detail::SqliteCells(statement));
  if (rc == SQLITE_DONE) return std::optional<PhotoRecord>();
  return tl::unexpected(session.error("cannot read"));
}

Result<std::vector<PhotoRecord>> all_rows(Session& session, sqlite3_stmt* statement) {
  std::vector<PhotoRecord> records;
  int rc = SQLITE_ROW;
  const detail::SqliteCells cells(statement);
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    records.push_back(detail::read_photo_row(cells));
  }
  if (rc != SQLITE_DONE) return tl::unexpected(session.error("cannot read"));
  return records;
}

std::string select_where(const char* condition) {
  return "SELECT " + detail::photo_select_list() + " FROM photos p " + condition;
}

// The photos table of a SQLite store.
class SqliteCatalogue final : public Catalogue {
 public:
  explicit SqliteCatalogue(std::shared_ptr<SqliteStore> store) : store_(std::move(store)) {}

  Result<std::optional<PhotoRecord>> find(const std::string& path) override {
    return one(select_where("WHERE p.path = ?1"), [&](sqlite3_stmt* s) { bind_text(s, 1, path); });
  }

  Result<std::optional<PhotoRecord>> find_by_id(std::int64_t id) override {
    return one(select_where("WHERE p.id = ?1"),
               [&](sqlite3_stmt* s) { sqlite3_bind_int64(s, 1, id); });
  }

  Result<std::optional<PhotoRecord>> find_by_content(const std::string& content_hash) override {
    return one(select_where("WHERE p.content_hash = ?1 ORDER BY p.id DESC LIMIT 1"),
               [&](sqlite3_stmt* s) { bind_text(s, 1, content_hash); });
  }

  Result<std::vector<PhotoRecord>> all() override {
    return many(select_where("ORDER BY p.id"), [](sqlite3_stmt*) {});
  }

  Result<std::vector<PhotoRecord>> search(const SearchQuery& query) override {
    const auto statement =
        detail::search_statement(query, detail::photo_select_list(), detail::TextIndex::kFts5,
                                 detail::full_text_expression(query));
    return many(statement.sql, [&](sqlite3_stmt* s) { detail::bind_values(s, statement.values); });
  }

  Result<void> put(const PhotoRecord& r) override {
    return store_->write([&](Session& session) { return put_in(session, r); });
  }

  Result<void> apply(const ChangeSet& changes) override {
    // Nothing to write takes no write lock: a no-op index never makes another writer wait.
    if (changes.empty()) return {};
    return store_->write([&](Session& session) { return apply_in(session, changes); });
  }

 private:
  template <class Bind>
  Result<std::optional<PhotoRecord>> one(const std::string& sql, const Bind& bind) {
    std::optional<PhotoRecord> found;
    auto r = store_->read([&](Session& session) -> Result<void> {
      auto s = session.statement(sql);
      if (!s) return tl::unexpected(s.error());
      bind(*s);
      auto row = single_row(session, *s);
      if (!row) return tl::unexpected(row.error());
      found = std::move(*row);
      return {};
    });
    if (!r) return tl::unexpected(r.error());
    return found;
  }

  template <class Bind>
  Result<std::vector<PhotoRecord>> many(const std::string& sql, const Bind& bind) {
    std::vector<PhotoRecord> found;
    auto r = store_->read([&](Session& session) -> Result<void> {
      auto s = session.statement(sql);
      if (!s) return tl::unexpected(s.error());
      bind(*s);
      auto rows = all_rows(session, *s);
      if (!rows) return tl::unexpected(rows.error());
      found = std::move(*rows);
      return {};
    });
    if (!r) return tl::unexpected(r.error());
    return found;
  }

  static detail::SqlStatement put_statement(const PhotoRecord& r) {
    static const std::string upsert = detail::photo_upsert_sql('?');
    return {upsert, detail::photo_values(r)};
  }

  static Result<void> run(Session& session, const detail::SqlStatement& statement) {
    auto s = session.statement(statement.sql);
    if (!s) return tl::unexpected(s.error());
    detail::bind_values(*s, statement.values);
    return session.step_done(*s, "cannot write");
  }

  static Result<void> put_in(Session& session, const PhotoRecord& r) {
    return run(session, put_statement(r));
  }

  static Result<void> apply_in(Session& session, const ChangeSet& changes) {
    for (const auto& statement : detail::change_statements(changes, '?', put_statement)) {
      if (auto r = run(session, statement); !r) return r;
    }
    return {};
  }

  std::shared_ptr<SqliteStore> store_;
};

// Loads a whole catalogue into an empty file.
class SqliteLoader final : public CatalogueLoader {
 public:
  explicit SqliteLoader(std::shared_ptr<SqliteStore> store) : store_(std::move(store)) {}

  Result<void> load(const CatalogueContents& contents) override {
    return store_->write([&](Session& session) -> Result<void> {
      auto count = session.statement(detail::kContentsCountSql);
      if (!count) return tl::unexpected(count.error());
      if (sqlite3_step(*count) != SQLITE_ROW) return tl::unexpected(session.error("cannot read"));
      if (sqlite3_column_int64(*count, 0) != 0) {
        return fail(ErrorCode::kInvalidInput, "catalogue is not empty; copy into a new one",
                    session.file());
      }
      return detail::load_statements(
          contents, '?', {}, [&](const std::string& sql, const std::vector<detail::SqlValue>& v) {
            auto s = session.statement(sql);
            if (!s) return Result<void>(tl::unexpected(s.error()));
            detail::bind_values(*s, v);
            return session.step_done(*s, "cannot copy into the catalogue");
          });
    });
  }

 private:
  std::shared_ptr<SqliteStore> store_;
};

}  // namespace

Result<std::unique_ptr<Catalogue>> open_sqlite_catalogue(const std::filesystem::path& file,
                                                         OpenMode mode) {
  auto tables = open_sqlite_tables(file, mode);
  if (!tables) return tl::unexpected(tables.error());
  return std::move(tables->photos);
}

Result<CatalogueTables> open_sqlite_tables(const std::filesystem::path& file, OpenMode mode) {
  std::error_code ec;
  if (mode == OpenMode::kExisting && file != ":memory:" && !std::filesystem::exists(file, ec)) {
    return fail(ErrorCode::kIo, "no catalogue here; run `vernissage index PHOTOS` first",
                file.string());
  }
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  auto store = SqliteStore::open(file.string());
  if (!store) return tl::unexpected(store.error());
  CatalogueTables tables;
  tables.photos = std::make_unique<SqliteCatalogue>(*store);
  tables.shares = detail::make_sqlite_share_table(*store);
  tables.loader = std::make_unique<SqliteLoader>(*store);
  return tables;
}

std::filesystem::path default_catalogue_path() {
  if (const char* explicit_path = std::getenv("VERNISSAGE_CATALOGUE");
      explicit_path && *explicit_path) {
    return explicit_path;
  }
  return data_folder() / "catalogue.db";
}

std::filesystem::path data_folder() {
  if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data) {
    return std::filesystem::path(data) / "vernissage";
  }
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".local/share/vernissage";
}

}  // namespace vern::catalogue
