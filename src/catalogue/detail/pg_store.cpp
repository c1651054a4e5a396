#include "catalogue/detail/pg_store.h"

#include <charconv>
#include <chrono>
#include <cstring>
#include <optional>
#include <thread>

#include "catalogue/detail/pg_schema.h"

namespace vern::catalogue::detail {
namespace {

// A writer that lost a deadlock or a serialization conflict to another process tries again this
// many times, waiting a little longer each time.
constexpr int kWriteAttempts = 8;

constexpr Oid kFloat8Oid = 701;  // so that "iso:>3200.5" compares as a number, not as text

bool is_conflict(const PGresult* result) {
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  return state != nullptr && (std::strcmp(state, "40001") == 0 || std::strcmp(state, "40P01") == 0);
}

std::string number_text(double value) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  return std::string(buffer, end);
}

Error pg_error(const char* what, const std::string& message, const std::string& location) {
  std::string text = message;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return Error{ErrorCode::kIo, std::string("catalogue: ") + what + ": " + text, location};
}

}  // namespace

std::string redacted_location(const std::string& url) {
  // postgresql://user:secret@host/db → postgresql://user@host/db
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto at = url.find('@', scheme + 3);
  const auto colon = url.find(':', scheme + 3);
  if (at == std::string::npos || colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + url.substr(at);
}

bool PgCells::is_null(int column) const { return PQgetisnull(result_, row_, column) != 0; }

std::string_view PgCells::text(int column) const {
  return std::string_view(PQgetvalue(result_, row_, column),
                          static_cast<std::size_t>(PQgetlength(result_, row_, column)));
}

std::int64_t PgCells::integer(int column) const {
  const auto t = text(column);
  std::int64_t value = 0;
  std::from_chars(t.data(), t.data() + t.size(), value);
  return value;
}

double PgCells::real(int column) const {
  const auto t = text(column);
  double value = 0;
  std::from_chars(t.data(), t.data() + t.size(), value);
  return value;
}

// The values of a statement as libpq takes them: text, with a type where inference would fail.
struct Parameters {
  explicit Parameters(const std::vector<SqlValue>& values)
      : texts(values.size()), pointers(values.size(), nullptr), types(values.size(), 0) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (const auto* text = std::get_if<std::string>(&values[i])) {
        pointers[i] = text->c_str();
      } else if (const auto* number = std::get_if<double>(&values[i])) {
        texts[i] = number_text(*number);
        types[i] = kFloat8Oid;
      } else if (const auto* integer = std::get_if<std::int64_t>(&values[i])) {
        texts[i] = std::to_string(*integer);
      } else {
        continue;  // NULL
      }
      if (pointers[i] == nullptr) pointers[i] = texts[i].c_str();
    }
  }
  int count() const { return static_cast<int>(pointers.size()); }
  std::vector<std::string> texts;
  std::vector<const char*> pointers;
  std::vector<Oid> types;  // 0: PostgreSQL infers the type from the statement
};

// Statements sent before their results are read: few enough that the server's results never
// fill the socket's buffers while this side is still sending (which would stall both).
constexpr std::size_t kPipelineDepth = 256;

Result<PgResult> PgStore::Session::run(const std::string& sql, const std::vector<SqlValue>& values,
                                       const char* what) {
  const Parameters parameters(values);
  PgResult result(PQexecParams(connection_, sql.c_str(), parameters.count(),
                               parameters.types.data(), parameters.pointers.data(), nullptr,
                               nullptr, 0));
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    if (is_conflict(result.get())) conflicted_ = true;
    return tl::unexpected(pg_error(what, PQresultErrorMessage(result.get()), location_));
  }
  return result;
}

Result<void> PgStore::Session::execute(const std::string& sql, const std::vector<SqlValue>& values,
                                       const char* what) {
  auto r = run(sql, values, what);
  if (!r) return tl::unexpected(r.error());
  return {};
}

std::string PgStore::Session::prepared_name(const std::string& sql) {
  if (prepared_ == nullptr) return {};
  if (const auto it = prepared_->find(sql); it != prepared_->end()) return it->second;
  // Prepared before the pipeline starts (PQprepare waits for its answer); the types of the
  // parameters are inferred from the statement, as the columns written decide them.
  if (PQpipelineStatus(connection_) != PQ_PIPELINE_OFF) return {};
  const std::string name = "vernissage_" + std::to_string(prepared_->size() + 1);
  PgResult result(PQprepare(connection_, name.c_str(), sql.c_str(), 0, nullptr));
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) return {};
  prepared_->emplace(sql, name);
  return name;
}

Result<void> PgStore::Session::execute_all(const std::vector<SqlStatement>& statements,
                                           const char* what) {
  for (std::size_t first = 0; first < statements.size(); first += kPipelineDepth) {
    const std::size_t end = std::min(statements.size(), first + kPipelineDepth);
    for (std::size_t i = first; i < end; ++i) (void)prepared_name(statements[i].sql);
    if (PQenterPipelineMode(connection_) != 1) {
      return tl::unexpected(pg_error(what, PQerrorMessage(connection_), location_));
    }
    std::optional<Error> failure;
    std::size_t sent = first;
    for (; sent < end; ++sent) {
      const Parameters parameters(statements[sent].values);
      const std::string name = prepared_name(statements[sent].sql);
      const int queued = name.empty()
                             ? PQsendQueryParams(connection_, statements[sent].sql.c_str(),
                                                 parameters.count(), parameters.types.data(),
                                                 parameters.pointers.data(), nullptr, nullptr, 0)
                             : PQsendQueryPrepared(connection_, name.c_str(), parameters.count(),
                                                   parameters.pointers.data(), nullptr, nullptr, 0);
      if (queued != 1) {
        failure = pg_error(what, PQerrorMessage(connection_), location_);
        break;
      }
    }
    PQpipelineSync(connection_);
    // Every result is read, up to the sync, whatever failed: only then may the pipeline end.
    // A NULL ends each statement's results; more NULLs than statements means the connection
    // is gone.
    std::size_t ends = 0;
    while (true) {
      PgResult result(PQgetResult(connection_));
      if (!result) {
        if (++ends > sent - first + 1 || PQstatus(connection_) == CONNECTION_BAD) {
          if (!failure) failure = pg_error(what, PQerrorMessage(connection_), location_);
          break;
        }
        continue;
      }
      const auto status = PQresultStatus(result.get());
      if (status == PGRES_PIPELINE_SYNC) break;
      if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && !failure) {
        if (is_conflict(result.get())) conflicted_ = true;
        failure = pg_error(what, PQresultErrorMessage(result.get()), location_);
      }
    }
    PQexitPipelineMode(connection_);
    if (failure) return tl::unexpected(*failure);
  }
  return {};
}

Result<std::shared_ptr<PgStore>> PgStore::open(const std::string& url, bool must_exist) {
  auto words = Fts5Words::open();
  if (!words) return tl::unexpected(words.error());
  std::shared_ptr<PgStore> store(new PgStore(url, nullptr, std::move(*words)));
  auto writer = store->connect();
  if (!writer) return tl::unexpected(writer.error());
  if (must_exist) {
    auto version = pg_schema_version(writer->get(), store->location_);
    if (!version) return tl::unexpected(version.error());
    if (*version == 0) {
      return fail(ErrorCode::kIo, "no catalogue here; run `vernissage index PHOTOS` first",
                  store->location_);
    }
  }
  if (auto r = pg_migrate(writer->get(), store->location_); !r) return tl::unexpected(r.error());
  store->writer_ = std::move(*writer);
  return store;
}

PgStore::PgStore(std::string url, PgConnection writer, std::unique_ptr<Fts5Words> words)
    : url_(std::move(url)),
      location_(redacted_location(url_)),
      words_(std::move(words)),
      writer_(std::move(writer)) {}

PgStore::~PgStore() = default;

Result<PgConnection> PgStore::connect() const {
  PgConnection connection(PQconnectdb(url_.c_str()));
  if (!connection || PQstatus(connection.get()) != CONNECTION_OK) {
    return tl::unexpected(pg_error("cannot connect to PostgreSQL",
                                   connection ? PQerrorMessage(connection.get()) : "out of memory",
                                   location_));
  }
  PQsetClientEncoding(connection.get(), "UTF8");
  // Notices (a table that already exists, ...) are not the user's business.
  PQsetNoticeProcessor(
      connection.get(), [](void*, const char*) {}, nullptr);
  return connection;
}

Result<void> PgStore::read(const std::function<Result<void>(Session&)>& read) {
  PgConnection connection;
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      connection = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    }
  }
  if (connection && PQstatus(connection.get()) != CONNECTION_OK) PQreset(connection.get());
  if (!connection || PQstatus(connection.get()) != CONNECTION_OK) {
    auto opened = connect();
    if (!opened) return tl::unexpected(opened.error());
    connection = std::move(*opened);
  }
  Session session(connection.get(), location_);
  auto result = read(session);
  std::lock_guard lock(readers_mutex_);
  idle_readers_.push_back(std::move(connection));
  return result;
}

Result<void> PgStore::write(const std::function<Result<void>(Session&)>& write) {
  std::lock_guard lock(writer_mutex_);
  if (PQstatus(writer_.get()) != CONNECTION_OK) {
    PQreset(writer_.get());
    writer_prepared_.clear();  // a new server session has none of them
  }
  Session session(writer_.get(), location_, &writer_prepared_);
  for (int attempt = 1;; ++attempt) {
    session.conflicted_ = false;
    if (auto r = session.execute("BEGIN", {}); !r) return r;
    auto written = write(session);
    if (written) written = session.execute("COMMIT", {}, "cannot commit");
    if (written) return written;
    (void)session.execute("ROLLBACK", {});
    if (!session.conflicted_ || attempt == kWriteAttempts) return written;
    std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt * attempt));
  }
}

}  // namespace vern::catalogue::detail
