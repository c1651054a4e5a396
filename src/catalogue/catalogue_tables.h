#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "catalogue/share_table.h"
#include "core/result.h"

namespace vern::catalogue {

// Everything a catalogue holds, ids included: what `vernissage catalogue copy` moves.
struct CatalogueContents {
  std::vector<PhotoRecord> photos;
  std::vector<Share> shares;  // with their photo_ids
  std::vector<ShareView> views;
  std::vector<ShareMark> marks;
};

// Fills an empty store with another's contents, ids kept, so that shares and marks still name
// their photos and a link keeps working after the move.
class CatalogueLoader {
 public:
  virtual ~CatalogueLoader() = default;
  // One transaction: all of it or nothing. Refuses a store that holds any photo or share.
  [[nodiscard]] virtual Result<void> load(const CatalogueContents& contents) = 0;
};

// Every table of one catalogue, over one store.
struct CatalogueTables {
  std::unique_ptr<Catalogue> photos;
  std::unique_ptr<ShareTable> shares;
  std::unique_ptr<CatalogueLoader> loader;
};

// The catalogue at `location`: a PostgreSQL database for a postgresql:// (or postgres://) URL,
// such as postgresql://vernissage@db.example.org/archive, else a SQLite file.
[[nodiscard]] Result<CatalogueTables> open_tables(const std::string& location,
                                                  OpenMode mode = OpenMode::kCreateIfAbsent);
[[nodiscard]] Result<CatalogueTables> open_sqlite_tables(const std::filesystem::path& file,
                                                         OpenMode mode = OpenMode::kCreateIfAbsent);
[[nodiscard]] Result<CatalogueTables> open_postgres_tables(
    const std::string& url, OpenMode mode = OpenMode::kCreateIfAbsent);

// True for a location open_tables() gives to PostgreSQL.
[[nodiscard]] bool is_postgres_location(const std::string& location);

}  // namespace vern::catalogue
