#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "catalogue/catalogue_tables.h"
#include "core/result.h"

namespace vern::cli {

// Where the catalogue is, first answer wins: the --catalogue flag; $VERNISSAGE_CATALOGUE;
// `path` under [catalogue] in the photo folder's vernissage.toml (`from_settings`, build only);
// the same in the user's settings ($XDG_CONFIG_HOME/vernissage/config.toml, else
// ~/.config/vernissage/config.toml); else the XDG data folder
// (~/.local/share/vernissage/catalogue.db). Fails when the user's settings file is malformed.
[[nodiscard]] Result<std::filesystem::path> catalogue_location(
    const std::string& flag, const std::optional<std::filesystem::path>& from_settings = {});

// The tables of the catalogue the flag (or the defaults above) names, which must exist already:
// what `share`, `serve` and `picks` work on.
[[nodiscard]] Result<catalogue::CatalogueTables> open_existing_tables(const std::string& flag);

// Where `serve` keeps the shares' images and its signing key: beside a SQLite catalogue
// (CATALOGUE.shares), and for a PostgreSQL one in the user's data folder, named after the
// database and its host (~/.local/share/vernissage/HOST_PORT_DB.shares), never after a password.
std::filesystem::path shares_folder(const std::string& catalogue);

// The user's settings file, whether or not it exists.
std::filesystem::path user_settings_file();

}  // namespace vern::cli
