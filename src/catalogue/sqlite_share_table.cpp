#include "catalogue/detail/sqlite_share_table.h"

#include <sqlite3.h>

#include "catalogue/detail/share_sql.h"

namespace vern::catalogue::detail {
namespace {

using Session = SqliteStore::Session;

// The shares table over a SqliteStore.
class SqliteShareTable final : public ShareTable {
 public:
  explicit SqliteShareTable(std::shared_ptr<SqliteStore> store) : store_(std::move(store)) {}

  Result<std::int64_t> create(const Share& share) override {
    std::int64_t id = 0;
    auto written = store_->write([&](Session& session) -> Result<void> {
      auto s = session.statement(kInsertShare);
      if (!s) return tl::unexpected(s.error());
      bind_text(*s, 1, share.token_hash);
      bind_text(*s, 2, share.recipient);
      bind_text(*s, 3, share.selection);
      bind_text(*s, 4, share.created);
      bind_optional(*s, 5, share.expires);
      bind_text(*s, 6, share.downloads);
      bind_optional(*s, 7, share.password_hash);
      sqlite3_bind_int(*s, 8, share.keep_location ? 1 : 0);
      bind_optional(*s, 9, share.watermark);
      if (auto r = session.step_done(*s, "cannot record the share"); !r) return r;
      id = sqlite3_last_insert_rowid(session.db());
      for (std::size_t i = 0; i < share.photo_ids.size(); ++i) {
        auto p = session.statement(kInsertSharePhoto);
        if (!p) return tl::unexpected(p.error());
        sqlite3_bind_int64(*p, 1, id);
        sqlite3_bind_int64(*p, 2, static_cast<sqlite3_int64>(i));
        sqlite3_bind_int64(*p, 3, share.photo_ids[i]);
        if (auto r = session.step_done(*p, "cannot record the share's photos"); !r) return r;
      }
      return {};
    });
    if (!written) return tl::unexpected(written.error());
    return id;
  }

  Result<std::optional<Share>> find(std::int64_t id) override {
    return one(std::string("SELECT ") + kShareColumns + " FROM shares WHERE id = ?1",
               [&](sqlite3_stmt* s) { sqlite3_bind_int64(s, 1, id); });
  }

  Result<std::optional<Share>> find_by_token_hash(const std::string& token_hash) override {
    return one(std::string("SELECT ") + kShareColumns + " FROM shares WHERE token_hash = ?1",
               [&](sqlite3_stmt* s) { bind_text(s, 1, token_hash); });
  }

  Result<std::optional<Share>> find_link_by_token_hash(const std::string& token_hash) override {
    return one(
        std::string("SELECT ") + kShareColumns + " FROM shares WHERE token_hash = ?1",
        [&](sqlite3_stmt* s) { bind_text(s, 1, token_hash); }, false);
  }

  Result<std::vector<Share>> all() override {
    std::vector<Share> shares;
    auto r = store_->read([&](Session& session) -> Result<void> {
      auto s =
          session.statement(std::string("SELECT ") + kShareColumns + " FROM shares ORDER BY id");
      if (!s) return tl::unexpected(s.error());
      int rc = SQLITE_ROW;
      while ((rc = sqlite3_step(*s)) == SQLITE_ROW) shares.push_back(read_share(SqliteCells(*s)));
      if (rc != SQLITE_DONE) return tl::unexpected(session.error("cannot read shares"));
      for (auto& share : shares) {
        if (auto photos = photos_of(session, share); !photos) return photos;
      }
      return {};
    });
    if (!r) return tl::unexpected(r.error());
    return shares;
  }

  Result<void> revoke(std::int64_t id) override {
    return change(id, kRevokeShare, [](sqlite3_stmt*) {});
  }

  Result<void> set_expiry(std::int64_t id, const std::optional<std::string>& expires) override {
    return change(id, kSetShareExpiry, [&](sqlite3_stmt* s) { bind_optional(s, 2, expires); });
  }

  Result<void> set_token_hash(std::int64_t id, const std::string& token_hash) override {
    return change(id, kSetShareTokenHash, [&](sqlite3_stmt* s) { bind_text(s, 2, token_hash); });
  }

  Result<int> view_count(std::int64_t id) override {
    int count = 0;
    auto r = store_->read([&](Session& session) -> Result<void> {
      auto s = session.statement(kCountShareViews);
      if (!s) return tl::unexpected(s.error());
      sqlite3_bind_int64(*s, 1, id);
      if (sqlite3_step(*s) != SQLITE_ROW) return tl::unexpected(session.error("cannot read"));
      count = sqlite3_column_int(*s, 0);
      return {};
    });
    if (!r) return tl::unexpected(r.error());
    return count;
  }

  Result<void> record_views(const std::vector<ShareView>& views) override {
    if (views.empty()) return {};
    return store_->write([&](Session& session) -> Result<void> {
      for (const auto& view : views) {
        auto s = session.statement(kInsertShareView);
        if (!s) return tl::unexpected(s.error());
        sqlite3_bind_int64(*s, 1, view.share_id);
        bind_text(*s, 2, view.at);
        bind_text(*s, 3, view.what);
        bind_text(*s, 4, view.client);
        if (auto r = session.step_done(*s, "cannot log the share's views"); !r) return r;
      }
      return {};
    });
  }

  Result<std::vector<ShareView>> views(std::int64_t id) override {
    std::vector<ShareView> log;
    auto r = store_->read([&](Session& session) -> Result<void> {
      auto s = session.statement(
          "SELECT at, what, client FROM share_views WHERE share_id = ?1 ORDER BY at, rowid");
      if (!s) return tl::unexpected(s.error());
      sqlite3_bind_int64(*s, 1, id);
      int rc = SQLITE_ROW;
      while ((rc = sqlite3_step(*s)) == SQLITE_ROW) {
        log.push_back({id, column_text(*s, 0).value_or(""), column_text(*s, 1).value_or(""),
                       column_text(*s, 2).value_or("")});
      }
      if (rc != SQLITE_DONE) return tl::unexpected(session.error("cannot read the share's log"));
      return {};
    });
    if (!r) return tl::unexpected(r.error());
    return log;
  }

  Result<void> set_mark(const ShareMark& mark) override {
    const bool empty = !mark.state && !mark.rating && !mark.comment;
    return store_->write([&](Session& session) -> Result<void> {
      auto s = session.statement(empty ? kDeleteShareMark : kUpsertShareMark);
      if (!s) return tl::unexpected(s.error());
      sqlite3_bind_int64(*s, 1, mark.share_id);
      sqlite3_bind_int64(*s, 2, mark.photo_id);
      if (!empty) {
        bind_optional(*s, 3, mark.state);
        if (mark.rating) {
          sqlite3_bind_int(*s, 4, *mark.rating);
        } else {
          sqlite3_bind_null(*s, 4);
        }
        bind_optional(*s, 5, mark.comment);
        bind_text(*s, 6, mark.updated);
      }
      return session.step_done(*s, "cannot record the mark");
    });
  }

  Result<std::vector<ShareMark>> marks(std::int64_t id) override {
    std::vector<ShareMark> found;
    auto r = store_->read([&](Session& session) -> Result<void> {
      auto s = session.statement(kSelectShareMarks);
      if (!s) return tl::unexpected(s.error());
      sqlite3_bind_int64(*s, 1, id);
      int rc = SQLITE_ROW;
      while ((rc = sqlite3_step(*s)) == SQLITE_ROW) {
        ShareMark mark;
        mark.share_id = id;
        mark.photo_id = sqlite3_column_int64(*s, 0);
        mark.state = column_text(*s, 1);
        if (sqlite3_column_type(*s, 2) != SQLITE_NULL) mark.rating = sqlite3_column_int(*s, 2);
        mark.comment = column_text(*s, 3);
        mark.updated = column_text(*s, 4).value_or("");
        found.push_back(std::move(mark));
      }
      if (rc != SQLITE_DONE) return tl::unexpected(session.error("cannot read the marks"));
      return {};
    });
    if (!r) return tl::unexpected(r.error());
    return found;
  }

  Result<void> set_sent(std::int64_t id, const std::string& at) override {
    return change(id, kSetShareSent, [&](sqlite3_stmt* s) { bind_text(s, 2, at); });
  }

 private:
  static Result<void> photos_of(Session& session, Share& share) {
    auto s = session.statement(kSelectSharePhotos);
    if (!s) return tl::unexpected(s.error());
    sqlite3_bind_int64(*s, 1, share.id);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(*s)) == SQLITE_ROW) {
      share.photo_ids.push_back(sqlite3_column_int64(*s, 0));
    }
    if (rc != SQLITE_DONE) return tl::unexpected(session.error("cannot read the share's photos"));
    return {};
  }

  template <class Bind>
  Result<std::optional<Share>> one(const std::string& sql, const Bind& bind,
                                   bool with_photos = true) {
    std::optional<Share> found;
    auto r = store_->read([&](Session& session) -> Result<void> {
      auto s = session.statement(sql);
      if (!s) return tl::unexpected(s.error());
      bind(*s);
      const int rc = sqlite3_step(*s);
      if (rc == SQLITE_DONE) return {};
      if (rc != SQLITE_ROW) return tl::unexpected(session.error("cannot read shares"));
      found = read_share(SqliteCells(*s));
      return with_photos ? photos_of(session, *found) : Result<void>();
    });
    if (!r) return tl::unexpected(r.error());
    return found;
  }

  template <class Bind>
  Result<void> change(std::int64_t id, const char* sql, const Bind& bind) {
    return store_->write([&](Session& session) -> Result<void> {
      auto s = session.statement(sql);
      if (!s) return tl::unexpected(s.error());
      sqlite3_bind_int64(*s, 1, id);
      bind(*s);
      if (auto r = session.step_done(*s, "cannot change the share"); !r) return r;
      if (sqlite3_changes(session.db()) == 0) {
        return fail(ErrorCode::kInvalidInput, "no share " + std::to_string(id), session.file());
      }
      return {};
    });
  }

  std::shared_ptr<SqliteStore> store_;
};

}  // namespace

std::unique_ptr<ShareTable> make_sqlite_share_table(std::shared_ptr<SqliteStore> store) {
  return std::make_unique<SqliteShareTable>(std::move(store));
}

}  // namespace vern::catalogue::detail
