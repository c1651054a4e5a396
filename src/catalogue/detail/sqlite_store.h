#pragma once

#include <sqlite3.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "catalogue/detail/sqlite_handles.h"
#include "core/result.h"

namespace vern::catalogue::detail {

// One SQLite catalogue file, whatever tables it holds: the connections, the schema (migrated when
// opened), the prepared statements, and transactions. Every table's interface (Catalogue for
// photos; shares and picks to come) is implemented over one shared store, so a new table adds an
// interface of its own instead of widening another's.
//
// Readers run in parallel: each read takes a connection of its own from a pool (WAL lets them
// read while a writer writes), while writes go through one connection, one at a time in this
// process; other processes' writers are waited for (busy timeout). An in-memory store has one
// connection for everything.
class SqliteStore {
 public:
  // Opens (creating when absent) the catalogue at `file`, or ":memory:". Fails with a message
  // naming the file when it is not a catalogue, is corrupt, or comes from a newer version.
  [[nodiscard]] static Result<std::shared_ptr<SqliteStore>> open(const std::string& file);

  ~SqliteStore();
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  // A statement of one connection, prepared once per SQL text and reset for each use.
  class Session {
   public:
    [[nodiscard]] Result<sqlite3_stmt*> statement(const std::string& sql);
    [[nodiscard]] Result<void> step_done(sqlite3_stmt* statement, const char* what);
    [[nodiscard]] Error error(const char* what) const;
    sqlite3* db() const { return connection_.db.get(); }
    const std::string& file() const { return file_; }

   private:
    friend class SqliteStore;
    struct Connection {
      Database db;
      std::map<std::string, Statement> statements;  // by SQL text
    };
    Session(Connection& connection, const std::string& file)
        : connection_(connection), file_(file) {}
    // Resets the statements this session used, so that none keeps a read transaction open.
    void reset_used();
    Connection& connection_;
    const std::string& file_;
    std::vector<sqlite3_stmt*> used_;  // statements handed out, all still in the cache
  };

  // Runs `read` on a connection no other thread is using.
  [[nodiscard]] Result<void> read(const std::function<Result<void>(Session&)>& read);

  // Runs `write` inside one IMMEDIATE transaction on the writing connection: all of it is
  // committed, or none (a failure rolls back).
  [[nodiscard]] Result<void> write(const std::function<Result<void>(Session&)>& write);

  const std::string& file() const { return file_; }

 private:
  using Connection = Session::Connection;
  SqliteStore(Database writer, std::string file);
  Result<std::unique_ptr<Connection>> open_reader() const;

  const std::string file_;
  std::unique_ptr<Connection> writer_;
  std::mutex writer_mutex_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;  // connections no read is using
  std::mutex readers_mutex_;
};

}  // namespace vern::catalogue::detail
