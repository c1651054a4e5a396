#include "support/catalogue_backends.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <random>

namespace vern::test {

std::string backend_name(Backend backend) {
  return backend == Backend::kSqlite ? "Sqlite" : "Postgres";
}

std::string postgres_server_url() {
  std::ifstream in(VERN_POSTGRES_URL_FILE);
  std::string url;
  std::getline(in, url);
  EXPECT_FALSE(url.empty()) << "no test PostgreSQL server: " << VERN_POSTGRES_URL_FILE
                            << " is missing (run through ctest, or start one with "
                               "scripts/postgres/local-server.sh)";
  return url;
}

std::string fresh_catalogue(Backend backend, const TempDir& dir) {
  if (backend == Backend::kSqlite) return (dir / "c.db").string();
  static std::atomic<int> counter = 0;
  std::random_device random;
  // (Appended rather than "t" + ..., which GCC 12 warns of falsely: -Wrestrict.)
  std::string name = "t";
  name += std::to_string(::getpid());
  name += "_" + std::to_string(++counter);
  name += "_" + std::to_string(random() % 1000000);
  const std::string server = postgres_server_url();
  RawConnection maintenance(server);
  EXPECT_TRUE(maintenance.execute("CREATE DATABASE " + name)) << maintenance.error();
  return server.substr(0, server.rfind('/') + 1) + name;
}

struct RawConnection::Handle {
  sqlite3* sqlite = nullptr;
  PGconn* postgres = nullptr;
};

RawConnection::RawConnection(const std::string& location) : handle_(std::make_unique<Handle>()) {
  if (location.starts_with("postgresql://")) {
    handle_->postgres = PQconnectdb(location.c_str());
    if (PQstatus(handle_->postgres) != CONNECTION_OK) error_ = PQerrorMessage(handle_->postgres);
  } else if (sqlite3_open(location.c_str(), &handle_->sqlite) != SQLITE_OK) {
    error_ = sqlite3_errmsg(handle_->sqlite);
  }
}

RawConnection::~RawConnection() {
  if (handle_->sqlite != nullptr) sqlite3_close(handle_->sqlite);
  if (handle_->postgres != nullptr) PQfinish(handle_->postgres);
}

bool RawConnection::execute(const std::string& sql) {
  if (handle_->postgres != nullptr) {
    PGresult* result = PQexec(handle_->postgres, sql.c_str());
    const auto status = PQresultStatus(result);
    const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    if (!ok) error_ = PQresultErrorMessage(result);
    PQclear(result);
    return ok;
  }
  char* message = nullptr;
  if (sqlite3_exec(handle_->sqlite, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    error_ = message != nullptr ? message : "failed";
    sqlite3_free(message);
    return false;
  }
  return true;
}

std::string take_write_lock_sql(Backend backend) {
  // PostgreSQL's EXCLUSIVE mode lets plain reads through and makes every writer wait, as a
  // SQLite write transaction does.
  return backend == Backend::kSqlite ? "BEGIN IMMEDIATE"
                                     : "BEGIN; LOCK TABLE photos IN EXCLUSIVE MODE";
}

}  // namespace vern::test
