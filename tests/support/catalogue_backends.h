#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "support/test_support.h"

// The two catalogue backends, for tests that run once on each: SQLite files, and databases on
// the PostgreSQL server the `postgres` ctest fixture starts (scripts/postgres/local-server.sh).
namespace vern::test {

enum class Backend { kSqlite, kPostgres };

// "Sqlite", "Postgres": how parameterised tests are named.
std::string backend_name(Backend backend);
inline void PrintTo(Backend backend, std::ostream* out) { *out << backend_name(backend); }

// The URL of the test server's maintenance database. Fails the calling test when ctest's
// fixture did not start one (run the tests through ctest, or start it by hand with
// scripts/postgres/local-server.sh start build/postgres-test).
std::string postgres_server_url();

// A new, empty catalogue location: a file in `dir`, or a database of its own on the server.
std::string fresh_catalogue(Backend backend, const TempDir& dir);

// A connection of another process to the store at `location`, to look or tamper behind the
// catalogue's back (hold a lock, break a table, set the schema version).
class RawConnection {
 public:
  explicit RawConnection(const std::string& location);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Runs one or more statements; false (with the reason in `error()`) when they fail.
  bool execute(const std::string& sql);
  const std::string& error() const { return error_; }

 private:
  struct Handle;
  std::unique_ptr<Handle> handle_;
  std::string error_;
};

// What a backend needs to take the write lock another writer would wait for.
std::string take_write_lock_sql(Backend backend);

}  // namespace vern::test
