#include "cli/catalogue_location.h"

#include <toml++/toml.h>

#include <cctype>
#include <cstdlib>

namespace vern::cli {
namespace {

// The [catalogue] path of the user's settings, if set. Other tables are left to the commands
// that own them; an unknown key under [catalogue] is an error, as in vernissage.toml.
Result<std::optional<std::filesystem::path>> path_in_user_settings() {
  const auto file = user_settings_file();
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return std::nullopt;
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return fail(
        ErrorCode::kInvalidInput,
        "line " + std::to_string(e.source().begin.line) + ": " + std::string(e.description()),
        file.string());
  }
  const auto* table = root["catalogue"].as_table();
  if (table == nullptr) return std::nullopt;
  for (const auto& [key, node] : *table) {
    if (key.str() != "path") {
      return fail(ErrorCode::kInvalidInput,
                  "unknown setting \"catalogue." + std::string(key.str()) + "\"", file.string());
    }
    const auto value = node.value<std::string>();
    if (!value || value->empty()) {
      return fail(ErrorCode::kInvalidInput,
                  "setting \"catalogue.path\" must be a file path or postgresql:// URL",
                  file.string());
    }
    if (catalogue::is_postgres_location(*value)) return std::filesystem::path(*value);
    return file.parent_path() / *value;
  }
  return std::nullopt;
}

}  // namespace

std::filesystem::path shares_folder(const std::string& catalogue) {
  if (!catalogue::is_postgres_location(catalogue)) return catalogue + ".shares";
  // postgresql://anna:secret@db.example.org:5432/archive?sslmode=require →
  // db.example.org_5432_archive
  std::string name = catalogue.substr(catalogue.find("://") + 3);
  if (const auto at = name.find('@'); at != std::string::npos) name.erase(0, at + 1);
  if (const auto query = name.find('?'); query != std::string::npos) name.erase(query);
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-') c = '_';
  }
  return catalogue::data_folder() / (name + ".shares");
}

std::filesystem::path user_settings_file() {
  if (const char* config = std::getenv("XDG_CONFIG_HOME"); config && *config) {
    return std::filesystem::path(config) / "vernissage" / "config.toml";
  }
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".config/vernissage/config.toml";
}

Result<std::filesystem::path> catalogue_location(
    const std::string& flag, const std::optional<std::filesystem::path>& from_settings) {
  if (!flag.empty()) return std::filesystem::path(flag);
  if (const char* explicit_path = std::getenv("VERNISSAGE_CATALOGUE");
      explicit_path && *explicit_path) {
    return std::filesystem::path(explicit_path);
  }
  if (from_settings) return *from_settings;
  auto from_user = path_in_user_settings();
  if (!from_user) return tl::unexpected(from_user.error());
  if (*from_user) return **from_user;
  return catalogue::default_catalogue_path();
}

Result<catalogue::CatalogueTables> open_existing_tables(const std::string& flag) {
  auto location = catalogue_location(flag);
  if (!location) return tl::unexpected(location.error());
  return catalogue::open_tables(location->string(), catalogue::OpenMode::kExisting);
}

}  // namespace vern::cli
