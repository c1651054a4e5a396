#pragma once

#include <sqlite3.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue/detail/sqlite_handles.h"
#include "core/result.h"

namespace vern::catalogue::detail {

// The words SQLite's full-text index sees in a text: FTS5's own unicode61 tokenizer with
// remove_diacritics 2 (lower case, Latin diacritics removed, split at every character that is not
// a letter or digit), reached through SQLite's fts5_api on an in-memory database. PostgreSQL
// indexes exactly these words, so that both backends find the same photos for the same query by
// construction rather than by two sets of rules that agree most of the time.
// Safe to call from several threads.
class Fts5Words {
 public:
  [[nodiscard]] static Result<std::unique_ptr<Fts5Words>> open();
  ~Fts5Words();
  Fts5Words(const Fts5Words&) = delete;
  Fts5Words& operator=(const Fts5Words&) = delete;

  [[nodiscard]] std::vector<std::string> words(std::string_view text) const;

 private:
  Fts5Words() = default;
  Database db_;
  fts5_tokenizer tokenizer_{};
  Fts5Tokenizer* instance_ = nullptr;
  mutable std::mutex mutex_;
};

}  // namespace vern::catalogue::detail
