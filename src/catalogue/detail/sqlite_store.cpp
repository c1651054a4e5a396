#include "catalogue/detail/sqlite_store.h"

#include <filesystem>
#include <system_error>

#include "catalogue/detail/sqlite_schema.h"

namespace vern::catalogue::detail {
namespace {

// Statements kept per connection; a server's searches each have SQL of their own, so the cache is
// emptied when it grows past this rather than without bound.
constexpr std::size_t kCachedStatements = 64;

// Writers from other processes (a second build, an index run) are waited for this long.
constexpr int kBusyTimeoutMs = 30'000;

Result<Database> open_connection(const std::string& file, int flags) {
  sqlite3* raw = nullptr;
  // NOMUTEX: a connection is used by one thread at a time (the store hands them out), so
  // SQLite's own per-call locking would only add cost (it was 6 % of a search).
  const int rc = sqlite3_open_v2(file.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Database db(raw);
  if (rc != SQLITE_OK) {
    return fail(
        ErrorCode::kIo,
        std::string("cannot open catalogue: ") + (raw ? sqlite3_errmsg(raw) : "out of memory"),
        file);
  }
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  return db;
}

}  // namespace

Result<std::shared_ptr<SqliteStore>> SqliteStore::open(const std::string& file) {
  auto db = open_connection(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!db) return tl::unexpected(db.error());
  if (auto version = schema_version(db->get(), file); !version) {
    return tl::unexpected(version.error());
  }
  if (auto r = execute(db->get(), "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", file);
      !r) {
    return tl::unexpected(
        Error{ErrorCode::kCorrupt,
              "not a readable catalogue (corrupt or not SQLite): " + r.error().message, file});
  }
  if (auto r = migrate(db->get(), file); !r) return tl::unexpected(r.error());
  return std::shared_ptr<SqliteStore>(new SqliteStore(std::move(*db), file));
}

SqliteStore::SqliteStore(Database writer, std::string file)
    : file_(std::move(file)), writer_(std::make_unique<Connection>()) {
  writer_->db = std::move(writer);
}

// Statements are finalized before their connection closes (Connection declares db first).
SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore::Connection>> SqliteStore::open_reader() const {
  auto db = open_connection(file_, SQLITE_OPEN_READONLY);
  if (!db) return tl::unexpected(db.error());
  auto connection = std::make_unique<Connection>();
  connection->db = std::move(*db);
  return connection;
}

Result<void> SqliteStore::read(const std::function<Result<void>(Session&)>& read) {
  // Each connection to ":memory:" is a database of its own: an in-memory store reads through
  // its one connection.
  if (file_ == ":memory:") {
    std::lock_guard lock(writer_mutex_);
    Session session(*writer_, file_);
    auto result = read(session);
    session.reset_used();
    return result;
  }
  std::unique_ptr<Connection> connection;
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      connection = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    }
  }
  if (!connection) {
    auto opened = open_reader();
    if (!opened) return tl::unexpected(opened.error());
    connection = std::move(*opened);
  }
  Session session(*connection, file_);
  auto result = read(session);
  // A read leaves no statement running: the next read of this connection must see new data.
  session.reset_used();
  std::lock_guard lock(readers_mutex_);
  idle_readers_.push_back(std::move(connection));
  return result;
}

Result<void> SqliteStore::write(const std::function<Result<void>(Session&)>& write) {
  std::lock_guard lock(writer_mutex_);
  // IMMEDIATE takes the write lock at once, so a concurrent writer makes this wait (busy
  // timeout) instead of failing halfway through.
  if (auto r = execute(writer_->db.get(), "BEGIN IMMEDIATE", file_); !r) return r;
  Session session(*writer_, file_);
  auto written = write(session);
  if (!written) {
    (void)execute(writer_->db.get(), "ROLLBACK", file_);
    return written;
  }
  return execute(writer_->db.get(), "COMMIT", file_);
}

// A statement pointer is valid until the session's next statement() call.
Result<sqlite3_stmt*> SqliteStore::Session::statement(const std::string& sql) {
  auto& statements = connection_.statements;
  if (auto it = statements.find(sql); it != statements.end()) {
    sqlite3_reset(it->second.get());
    sqlite3_clear_bindings(it->second.get());
    used_.push_back(it->second.get());
    return it->second.get();
  }
  if (statements.size() >= kCachedStatements) {
    statements.clear();  // finalized, which ends whatever they were running
    used_.clear();
  }
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
    return tl::unexpected(error("cannot prepare query"));
  }
  used_.push_back(raw);
  return statements.emplace(sql, Statement(raw)).first->second.get();
}

void SqliteStore::Session::reset_used() {
  for (sqlite3_stmt* statement : used_) sqlite3_reset(statement);
  used_.clear();
}

Result<void> SqliteStore::Session::step_done(sqlite3_stmt* statement, const char* what) {
  if (sqlite3_step(statement) != SQLITE_DONE) return tl::unexpected(error(what));
  return {};
}

Error SqliteStore::Session::error(const char* what) const {
  return sqlite_error(db(), what, file_);
}

}  // namespace vern::catalogue::detail
