#pragma once

#include <libpq-fe.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "catalogue/detail/fts5_words.h"
#include "catalogue/detail/sql_value.h"
#include "core/result.h"

namespace vern::catalogue::detail {

struct PgFinish {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
struct PgClear {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgConnection = std::unique_ptr<PGconn, PgFinish>;
using PgResult = std::unique_ptr<PGresult, PgClear>;

// One row of a result, as the backend-neutral readers see it (text format: numbers are parsed).
class PgCells final : public RowCells {
 public:
  PgCells(const PGresult* result, int row) : result_(result), row_(row) {}
  bool is_null(int column) const override;
  std::string_view text(int column) const override;
  std::int64_t integer(int column) const override;
  double real(int column) const override;

 private:
  const PGresult* result_;
  int row_;
};

// The location with any password taken out, for messages.
std::string redacted_location(const std::string& url);

// One PostgreSQL catalogue database, whatever tables it holds: the connections, the schema
// (migrated when opened, under an advisory lock so that processes opening a new database at once
// do not both create it), and transactions. The PostgreSQL twin of SqliteStore.
//
// Reads run in parallel, each on a connection of its own from a pool; writes go through one
// connection, one at a time in this process. Other processes and machines write the same
// database at once: a transaction that loses a deadlock or a serialization conflict to one of
// them is rolled back and run again.
class PgStore {
 public:
  // Opens the database at `url`; with `must_exist`, one that holds no catalogue yet is an error
  // rather than created.
  [[nodiscard]] static Result<std::shared_ptr<PgStore>> open(const std::string& url,
                                                             bool must_exist);
  ~PgStore();
  PgStore(const PgStore&) = delete;
  PgStore& operator=(const PgStore&) = delete;

  // Statements of one connection.
  class Session {
   public:
    // Runs one statement with its values bound to $1, $2, ...
    [[nodiscard]] Result<PgResult> run(const std::string& sql,
                                       const std::vector<SqlValue>& values = {},
                                       const char* what = "cannot read");
    [[nodiscard]] Result<void> execute(const std::string& sql, const std::vector<SqlValue>& values,
                                       const char* what = "cannot write");
    // Runs statements that return no rows, in order, sent together (libpq's pipeline mode): a
    // round trip per few hundred statements rather than one each, which is most of the time of
    // writing thousands of rows. Stops at the first failure (the transaction is then aborted).
    [[nodiscard]] Result<void> execute_all(const std::vector<SqlStatement>& statements,
                                           const char* what = "cannot write");
    const std::string& location() const { return location_; }

   private:
    friend class PgStore;
    Session(PGconn* connection, const std::string& location,
            std::map<std::string, std::string>* prepared = nullptr)
        : connection_(connection), location_(location), prepared_(prepared) {}
    // The name of `sql` prepared on this connection, preparing it the first time; empty when
    // this session prepares nothing (reads) or the server refused.
    std::string prepared_name(const std::string& sql);
    PGconn* connection_;
    const std::string& location_;
    std::map<std::string, std::string>* prepared_;  // by SQL text; the writer's only
    bool conflicted_ = false;  // a statement lost a deadlock or serialization conflict
  };

  [[nodiscard]] Result<void> read(const std::function<Result<void>(Session&)>& read);

  // Runs `write` in one transaction: all of it is committed, or none. `write` may run more than
  // once (after a deadlock with another writer), so it must not keep what an attempt left.
  [[nodiscard]] Result<void> write(const std::function<Result<void>(Session&)>& write);

  const std::string& location() const { return location_; }
  const Fts5Words& words() const { return *words_; }

 private:
  PgStore(std::string url, PgConnection writer, std::unique_ptr<Fts5Words> words);
  Result<PgConnection> connect() const;

  const std::string url_;
  const std::string location_;  // redacted
  std::unique_ptr<Fts5Words> words_;
  PgConnection writer_;
  // The writer's prepared statements: a row written thousands of times is parsed and planned
  // once (half the server's time per row otherwise).
  std::map<std::string, std::string> writer_prepared_;
  std::mutex writer_mutex_;
  std::vector<PgConnection> idle_readers_;
  std::mutex readers_mutex_;
};

}  // namespace vern::catalogue::detail
