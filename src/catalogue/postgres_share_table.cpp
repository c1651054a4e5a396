#include "catalogue/detail/pg_share_table.h"
#include "catalogue/detail/share_sql.h"

namespace vern::catalogue::detail {
namespace {

using Session = PgStore::Session;

const std::string kSelectShares = std::string("SELECT ") + kShareColumns + " FROM shares ";

// The shares table over a PgStore: the statements of SqliteShareTable.
class PgShareTable final : public ShareTable {
 public:
  explicit PgShareTable(std::shared_ptr<PgStore> store) : store_(std::move(store)) {}

  Result<std::int64_t> create(const Share& share) override {
    std::int64_t id = 0;
    auto written = store_->write([&](Session& session) -> Result<void> {
      auto inserted =
          session.run(postgres_sql(kInsertShare) + " RETURNING id",
                      {share.token_hash, share.recipient, share.selection, share.created,
                       sql_value(share.expires), share.downloads, sql_value(share.password_hash),
                       std::int64_t{share.keep_location}, sql_value(share.watermark)},
                      "cannot record the share");
      if (!inserted) return tl::unexpected(inserted.error());
      id = PgCells(inserted->get(), 0).integer(0);
      for (std::size_t i = 0; i < share.photo_ids.size(); ++i) {
        if (auto r = session.execute(postgres_sql(kInsertSharePhoto),
                                     {id, static_cast<std::int64_t>(i), share.photo_ids[i]},
                                     "cannot record the share's photos");
            !r) {
          return r;
        }
      }
      return {};
    });
    if (!written) return tl::unexpected(written.error());
    return id;
  }

  Result<std::optional<Share>> find(std::int64_t id) override {
    return one(kSelectShares + "WHERE id = $1", {id}, true);
  }

  Result<std::optional<Share>> find_by_token_hash(const std::string& token_hash) override {
    return one(kSelectShares + "WHERE token_hash = $1", {token_hash}, true);
  }

  Result<std::optional<Share>> find_link_by_token_hash(const std::string& token_hash) override {
    return one(kSelectShares + "WHERE token_hash = $1", {token_hash}, false);
  }

  Result<std::vector<Share>> all() override {
    std::vector<Share> shares;
    auto r = store_->read([&](Session& session) -> Result<void> {
      auto rows = session.run(kSelectShares + "ORDER BY id", {}, "cannot read shares");
      if (!rows) return tl::unexpected(rows.error());
      for (int row = 0; row < PQntuples(rows->get()); ++row) {
        shares.push_back(read_share(PgCells(rows->get(), row)));
      }
      for (auto& share : shares) {
        if (auto photos = photos_of(session, share); !photos) return photos;
      }
      return {};
    });
    if (!r) return tl::unexpected(r.error());
    return shares;
  }

  Result<void> revoke(std::int64_t id) override { return change(postgres_sql(kRevokeShare), {id}); }

  Result<void> set_expiry(std::int64_t id, const std::optional<std::string>& expires) override {
    return change(postgres_sql(kSetShareExpiry), {id, sql_value(expires)});
  }

  Result<void> set_token_hash(std::int64_t id, const std::string& token_hash) override {
    return change(postgres_sql(kSetShareTokenHash), {id, token_hash});
  }

  Result<int> view_count(std::int64_t id) override {
    int count = 0;
    auto r = store_->read([&](Session& session) -> Result<void> {
      auto rows = session.run(postgres_sql(kCountShareViews), {id});
      if (!rows) return tl::unexpected(rows.error());
      count = static_cast<int>(PgCells(rows->get(), 0).integer(0));
      return {};
    });
    if (!r) return tl::unexpected(r.error());
    return count;
  }

  Result<void> record_views(const std::vector<ShareView>& views) override {
    if (views.empty()) return {};
    return store_->write([&](Session& session) -> Result<void> {
      for (const auto& view : views) {
        if (auto r = session.execute(postgres_sql(kInsertShareView),
                                     {view.share_id, view.at, view.what, view.client},
                                     "cannot log the share's views");
            !r) {
          return r;
        }
      }
      return {};
    });
  }

  Result<std::vector<ShareView>> views(std::int64_t id) override {
    std::vector<ShareView> log;
    auto r = store_->read([&](Session& session) -> Result<void> {
      auto rows = session.run(
          "SELECT at, what, client FROM share_views WHERE share_id = $1 ORDER BY at, seq", {id},
          "cannot read the share's log");
      if (!rows) return tl::unexpected(rows.error());
      for (int row = 0; row < PQntuples(rows->get()); ++row) {
        const PgCells cells(rows->get(), row);
        log.push_back({id, std::string(cells.text(0)), std::string(cells.text(1)),
                       std::string(cells.text(2))});
      }
      return {};
    });
    if (!r) return tl::unexpected(r.error());
    return log;
  }

  Result<void> set_mark(const ShareMark& mark) override {
    const bool empty = !mark.state && !mark.rating && !mark.comment;
    return store_->write([&](Session& session) -> Result<void> {
      if (empty) {
        return session.execute(postgres_sql(kDeleteShareMark), {mark.share_id, mark.photo_id},
                               "cannot record the mark");
      }
      return session.execute(postgres_sql(kUpsertShareMark),
                             {mark.share_id, mark.photo_id, sql_value(mark.state),
                              sql_value(mark.rating), sql_value(mark.comment), mark.updated},
                             "cannot record the mark");
    });
  }

  Result<std::vector<ShareMark>> marks(std::int64_t id) override {
    std::vector<ShareMark> found;
    auto r = store_->read([&](Session& session) -> Result<void> {
      auto rows = session.run(postgres_sql(kSelectShareMarks), {id}, "cannot read the marks");
      if (!rows) return tl::unexpected(rows.error());
      for (int row = 0; row < PQntuples(rows->get()); ++row) {
        const PgCells cells(rows->get(), row);
        found.push_back({id, cells.integer(0), cells.optional_text(1), cells.optional_int(2),
                         cells.optional_text(3), std::string(cells.text(4))});
      }
      return {};
    });
    if (!r) return tl::unexpected(r.error());
    return found;
  }

  Result<void> set_sent(std::int64_t id, const std::string& at) override {
    return change(postgres_sql(kSetShareSent), {id, at});
  }

 private:
  static Result<void> photos_of(Session& session, Share& share) {
    auto rows =
        session.run(postgres_sql(kSelectSharePhotos), {share.id}, "cannot read the share's photos");
    if (!rows) return tl::unexpected(rows.error());
    for (int row = 0; row < PQntuples(rows->get()); ++row) {
      share.photo_ids.push_back(PgCells(rows->get(), row).integer(0));
    }
    return {};
  }

  Result<std::optional<Share>> one(const std::string& sql, const std::vector<SqlValue>& values,
                                   bool with_photos) {
    std::optional<Share> found;
    auto r = store_->read([&](Session& session) -> Result<void> {
      auto rows = session.run(sql, values, "cannot read shares");
      if (!rows) return tl::unexpected(rows.error());
      if (PQntuples(rows->get()) == 0) return {};
      found = read_share(PgCells(rows->get(), 0));
      return with_photos ? photos_of(session, *found) : Result<void>();
    });
    if (!r) return tl::unexpected(r.error());
    return found;
  }

  Result<void> change(const std::string& sql, const std::vector<SqlValue>& values) {
    return store_->write([&](Session& session) -> Result<void> {
      auto changed = session.run(sql, values, "cannot change the share");
      if (!changed) return tl::unexpected(changed.error());
      if (std::string_view(PQcmdTuples(changed->get())) == "0") {
        return fail(ErrorCode::kInvalidInput,
                    "no share " + std::to_string(std::get<std::int64_t>(values[0])),
                    session.location());
      }
      return {};
    });
  }

  std::shared_ptr<PgStore> store_;
};

}  // namespace

std::unique_ptr<ShareTable> make_pg_share_table(std::shared_ptr<PgStore> store) {
  return std::make_unique<PgShareTable>(std::move(store));
}

}  // namespace vern::catalogue::detail
