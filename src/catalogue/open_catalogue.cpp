#include "catalogue/catalogue_tables.h"

namespace vern::catalogue {

bool is_postgres_location(const std::string& location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

Result<CatalogueTables> open_tables(const std::string& location, OpenMode mode) {
  if (is_postgres_location(location)) return open_postgres_tables(location, mode);
  return open_sqlite_tables(location, mode);
}

Result<std::unique_ptr<Catalogue>> open_catalogue(const std::string& location, OpenMode mode) {
  auto tables = open_tables(location, mode);
  if (!tables) return tl::unexpected(tables.error());
  return std::move(tables->photos);
}

}  // namespace vern::catalogue
