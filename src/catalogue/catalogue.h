#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue/photo_record.h"
#include "catalogue/search_query.h"
#include "core/result.h"

namespace vern::catalogue {

// A file the catalogue knew under `from_path` that now lives at record.path.
struct Move {
  std::string from_path;
  PhotoRecord record;
};

// What one index run learned, applied at once so that readers see all of it or none.
struct ChangeSet {
  std::vector<PhotoRecord> put;        // new or re-read files, and files found again
  std::vector<Move> moved;             // keep their id: ratings and picks follow them
  std::vector<std::string> missing;    // paths no longer found: marked, not forgotten
  std::vector<std::string> forgotten;  // paths removed for good (index --prune)

  [[nodiscard]] bool empty() const {
    return put.empty() && moved.empty() && missing.empty() && forgotten.empty();
  }
};

// The photos table of the one store of what Vernissage knows, shared by `build` and `index`.
// This is the interface every backend implements (SQLite, PostgreSQL); the store's
// other tables (shares, picks) get interfaces of their own over the same store rather than
// widening this one. Implementations are safe to call from several threads (reads run in
// parallel), and other processes may write the same store at once.
class Catalogue {
 public:
  virtual ~Catalogue() = default;

  // The record of `path`, or nullopt when the catalogue has none.
  [[nodiscard]] virtual Result<std::optional<PhotoRecord>> find(const std::string& path) = 0;

  // The record with this id (PhotoRecord::id, which follows a photo when its file moves), or
  // nullopt: how shares, picks and comments refer to a photo.
  [[nodiscard]] virtual Result<std::optional<PhotoRecord>> find_by_id(std::int64_t id) = 0;

  // A record of a file with this content, under any path (the same photo moved or copied), or
  // nullopt. When there are several, the one most recently recorded.
  [[nodiscard]] virtual Result<std::optional<PhotoRecord>> find_by_content(
      const std::string& content_hash) = 0;

  // Every record, for a build that looks up thousands of photos at once.
  [[nodiscard]] virtual Result<std::vector<PhotoRecord>> all() = 0;

  // Inserts or replaces the record for record.path (its id is kept when the path is known).
  [[nodiscard]] virtual Result<void> put(const PhotoRecord& record) = 0;

  // Applies every change in one transaction.
  [[nodiscard]] virtual Result<void> apply(const ChangeSet& changes) = 0;

  // The photos matching `query`, ordered and limited as it asks.
  [[nodiscard]] virtual Result<std::vector<PhotoRecord>> search(const SearchQuery& query) = 0;
};

// The schema version this program writes. A store with a higher version was written by a newer
// Vernissage and is refused; lower versions are migrated when opened.
// 1: photos. 2: file name, folder and perceptual hash columns; full-text index; date index.
// 3: shares, their photos and their views.
inline constexpr int kSchemaVersion = 6;

// Opens (creating when absent) the SQLite catalogue at `file`: WAL mode, so readers never wait
// for a writer. Fails with a message naming the file when it is not a catalogue, is corrupt, or
// comes from a newer version; it is never silently recreated.
// With kExisting, a missing file is an error (commands that only read, like search, must not
// leave an empty catalogue behind a typo).
enum class OpenMode { kCreateIfAbsent, kExisting };
[[nodiscard]] Result<std::unique_ptr<Catalogue>> open_sqlite_catalogue(
    const std::filesystem::path& file, OpenMode mode = OpenMode::kCreateIfAbsent);

// The photos table of the catalogue at `location`: a postgresql:// URL or a SQLite file (see
// catalogue_tables.h).
[[nodiscard]] Result<std::unique_ptr<Catalogue>> open_catalogue(
    const std::string& location, OpenMode mode = OpenMode::kCreateIfAbsent);

// True when a file of this size and mtime is still the one `record` describes: the record
// vouches for it and the file need not be read.
inline bool describes_unchanged_file(const PhotoRecord& record, std::uintmax_t size_bytes,
                                     std::int64_t mtime_ns, std::string_view attached = {}) {
  return record.size_bytes == size_bytes && record.mtime_ns == mtime_ns &&
         record.attached == attached;
}

// Where the catalogue lives unless told otherwise: $VERNISSAGE_CATALOGUE, else
// $XDG_DATA_HOME/vernissage/catalogue.db, else ~/.local/share/vernissage/catalogue.db.
std::filesystem::path default_catalogue_path();

// Vernissage's folder in the user's data: $XDG_DATA_HOME/vernissage, else
// ~/.local/share/vernissage.
std::filesystem::path data_folder();

}  // namespace vern::catalogue
