#include <algorithm>
#include <memory>

#include "catalogue/catalogue_tables.h"
#include "catalogue/detail/catalogue_load.h"
#include "catalogue/detail/change_statements.h"
#include "catalogue/detail/pg_share_table.h"
#include "catalogue/detail/pg_store.h"
#include "catalogue/detail/photo_columns.h"
#include "catalogue/detail/search_statement.h"
#include "catalogue/detail/tsvector_text.h"

namespace vern::catalogue {
namespace {

using detail::PgStore;
using detail::SqlValue;
using Session = PgStore::Session;

std::string select_where(const char* condition) {
  return "SELECT " + detail::photo_select_list() + " FROM photos p " + condition;
}

// The photos table of a PostgreSQL store: the statements of SqliteCatalogue, with the words of
// each photo kept in its tsvector column by the writer (PostgreSQL has no FTS5 triggers to).
class PostgresCatalogue final : public Catalogue {
 public:
  explicit PostgresCatalogue(std::shared_ptr<PgStore> store) : store_(std::move(store)) {}

  Result<std::optional<PhotoRecord>> find(const std::string& path) override {
    return one(select_where("WHERE p.path = $1"), {path});
  }

  Result<std::optional<PhotoRecord>> find_by_id(std::int64_t id) override {
    return one(select_where("WHERE p.id = $1"), {id});
  }

  Result<std::optional<PhotoRecord>> find_by_content(const std::string& content_hash) override {
    return one(select_where("WHERE p.content_hash = $1 ORDER BY p.id DESC LIMIT 1"),
               {content_hash});
  }

  Result<std::vector<PhotoRecord>> all() override {
    return many(select_where("ORDER BY p.id"), {});
  }

  Result<std::vector<PhotoRecord>> search(const SearchQuery& query) override {
    const auto statement =
        detail::search_statement(query, detail::photo_select_list(), detail::TextIndex::kTsvector,
                                 detail::tsquery_expression(query, store_->words()));
    return many(statement.sql, statement.values);
  }

  Result<void> put(const PhotoRecord& r) override {
    return store_->write([&](Session& session) { return put_in(session, r); });
  }

  Result<void> apply(const ChangeSet& changes) override {
    if (changes.empty()) return {};
    // Rows are written in path order, so that two writers touching the same photos take their
    // row locks in the same order and cannot deadlock each other.
    ChangeSet sorted = changes;
    std::sort(sorted.put.begin(), sorted.put.end(),
              [](const PhotoRecord& a, const PhotoRecord& b) { return a.path < b.path; });
    return store_->write([&](Session& session) { return apply_in(session, sorted); });
  }

 private:
  Result<std::optional<PhotoRecord>> one(const std::string& sql, std::vector<SqlValue> values) {
    auto found = many(sql, std::move(values));
    if (!found) return tl::unexpected(found.error());
    if (found->empty()) return std::optional<PhotoRecord>();
    return std::optional<PhotoRecord>(std::move(found->front()));
  }

  Result<std::vector<PhotoRecord>> many(const std::string& sql,
                                        const std::vector<SqlValue>& values) {
    std::vector<PhotoRecord> found;
    auto r = store_->read([&](Session& session) -> Result<void> {
      auto result = session.run(sql, values);
      if (!result) return tl::unexpected(result.error());
      const int rows = PQntuples(result->get());
      found.reserve(static_cast<std::size_t>(rows));
      for (int row = 0; row < rows; ++row) {
        found.push_back(detail::read_photo_row(detail::PgCells(result->get(), row)));
      }
      return {};
    });
    if (!r) return tl::unexpected(r.error());
    return found;
  }

  detail::SqlStatement put_statement(const PhotoRecord& r) const {
    static const std::string upsert = detail::photo_upsert_sql('$', {"words"});
    auto values = detail::photo_values(r);
    values.emplace_back(detail::tsvector_document(r, store_->words()));
    return {upsert, std::move(values)};
  }

  Result<void> put_in(Session& session, const PhotoRecord& r) {
    return session.execute_all({put_statement(r)});
  }

  // Every change goes to the server in a few pipelined round trips.
  Result<void> apply_in(Session& session, const ChangeSet& changes) {
    return session.execute_all(detail::change_statements(
        changes, '$', [&](const PhotoRecord& r) { return put_statement(r); }));
  }

  std::shared_ptr<PgStore> store_;
};

// Loads a whole catalogue into an empty database, then moves the id sequences past the ids it
// brought, so that the next photo or share recorded gets a new one.
class PostgresLoader final : public CatalogueLoader {
 public:
  explicit PostgresLoader(std::shared_ptr<PgStore> store) : store_(std::move(store)) {}

  Result<void> load(const CatalogueContents& contents) override {
    const detail::ExtraPhotoColumns words{
        {"words"}, [&](const PhotoRecord& photo, std::vector<SqlValue>& values) {
          values.emplace_back(detail::tsvector_document(photo, store_->words()));
        }};
    return store_->write([&](Session& session) -> Result<void> {
      auto count = session.run(detail::kContentsCountSql);
      if (!count) return tl::unexpected(count.error());
      if (detail::PgCells(count->get(), 0).integer(0) != 0) {
        return fail(ErrorCode::kInvalidInput, "catalogue is not empty; copy into a new one",
                    session.location());
      }
      // Sent in pipelined batches: a round trip per few hundred rows rather than per row.
      constexpr std::size_t kBatch = 10'000;
      std::vector<detail::SqlStatement> batch;
      const char* what = "cannot copy into the catalogue";
      auto loaded = detail::load_statements(
          contents, '$', words, [&](const std::string& sql, const std::vector<SqlValue>& values) {
            batch.push_back({sql, values});
            if (batch.size() < kBatch) return Result<void>();
            auto sent = session.execute_all(batch, what);
            batch.clear();
            return sent;
          });
      if (loaded) loaded = session.execute_all(batch, what);
      if (!loaded) return loaded;
      for (const char* table : {"photos", "shares"}) {
        const std::string sql = std::string("SELECT setval(pg_get_serial_sequence('") + table +
                                "', 'id'), coalesce(max(id), 0) + 1, false) FROM " + table;
        if (auto r = session.execute(sql, {}); !r) return r;
      }
      return {};
    });
  }

 private:
  std::shared_ptr<PgStore> store_;
};

}  // namespace

Result<CatalogueTables> open_postgres_tables(const std::string& url, OpenMode mode) {
  auto store = PgStore::open(url, mode == OpenMode::kExisting);
  if (!store) return tl::unexpected(store.error());
  CatalogueTables tables;
  tables.photos = std::make_unique<PostgresCatalogue>(*store);
  tables.shares = detail::make_pg_share_table(*store);
  tables.loader = std::make_unique<PostgresLoader>(*store);
  return tables;
}

}  // namespace vern::catalogue
