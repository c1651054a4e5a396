#include "catalogue/detail/fts5_words.h"

namespace vern::catalogue::detail {
namespace {

// SQLite hands out its FTS5 API only through this query (see "Extending FTS5" in its manual).
fts5_api* fts5_api_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &raw, nullptr) != SQLITE_OK) return nullptr;
  Statement statement(raw);
  sqlite3_bind_pointer(raw, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(raw);
  return api;
}

int collect(void* context, int /*flags*/, const char* token, int size, int /*start*/, int /*end*/) {
  static_cast<std::vector<std::string>*>(context)->emplace_back(token,
                                                                static_cast<std::size_t>(size));
  return SQLITE_OK;
}

}  // namespace

Result<std::unique_ptr<Fts5Words>> Fts5Words::open() {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close_v2(raw);
    return fail(ErrorCode::kIo, "catalogue: cannot open SQLite's full-text tokenizer");
  }
  std::unique_ptr<Fts5Words> words(new Fts5Words());
  words->db_.reset(raw);
  fts5_api* api = fts5_api_of(raw);
  void* user_data = nullptr;
  const char* arguments[] = {"remove_diacritics", "2"};
  if (api == nullptr ||
      api->xFindTokenizer(api, "unicode61", &user_data, &words->tokenizer_) != SQLITE_OK ||
      words->tokenizer_.xCreate(user_data, arguments, 2, &words->instance_) != SQLITE_OK) {
    return fail(ErrorCode::kIo, "catalogue: this SQLite has no FTS5 unicode61 tokenizer");
  }
  return words;
}

Fts5Words::~Fts5Words() {
  if (instance_ != nullptr) tokenizer_.xDelete(instance_);
}

std::vector<std::string> Fts5Words::words(std::string_view text) const {
  std::vector<std::string> found;
  if (text.empty()) return found;
  std::lock_guard lock(mutex_);
  tokenizer_.xTokenize(instance_, &found, FTS5_TOKENIZE_DOCUMENT, text.data(),
                       static_cast<int>(text.size()), collect);
  return found;
}

}  // namespace vern::catalogue::detail
