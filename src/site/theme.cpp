#include "site/theme.h"

#include <fstream>
#include <sstream>
#include <system_error>

#include "core/content_hash.h"
#include "site/embedded_theme.h"

namespace vern::site {

Result<Theme> Theme::load(const std::optional<std::filesystem::path>& override_dir) {
  Theme theme;
  for (const auto& embedded : embedded_theme_files()) {
    theme.files_[std::string(embedded.path)] = std::string(embedded.contents);
  }
  if (!override_dir) return theme;

  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(*override_dir, ec)) {
    return fail(ErrorCode::kInvalidInput, "theme folder does not exist", override_dir->string());
  }
  for (fs::recursive_directory_iterator it(*override_dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::string relative = it->path().lexically_relative(*override_dir).generic_string();
    if (!relative.starts_with("templates/") && !relative.starts_with("assets/")) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream contents;
    contents << in.rdbuf();
    if (!in) return fail(ErrorCode::kIo, "cannot read theme file", it->path().string());
    theme.files_[relative] = contents.str();
  }
  if (ec)
    return fail(ErrorCode::kIo, "cannot read theme folder: " + ec.message(),
                override_dir->string());
  return theme;
}

Result<std::string> Theme::file(const std::string& path) const {
  const auto it = files_.find(path);
  if (it == files_.end()) return fail(ErrorCode::kInvalidInput, "theme has no file " + path);
  return it->second;
}

std::string Theme::content_hash() const {
  std::string all;
  for (const auto& [path, contents] : files_) {
    all += path + '\0' + vern::content_hash(contents) + '\0';
  }
  return vern::content_hash(all);
}

std::map<std::string, std::string> Theme::partials() const {
  constexpr std::string_view kPrefix = "templates/partials/";
  std::map<std::string, std::string> partials;
  for (const auto& [path, contents] : files_) {
    if (!path.starts_with(kPrefix)) continue;
    std::string name = path.substr(kPrefix.size());
    name = name.substr(0, name.find('.'));
    partials[name] = contents;
  }
  return partials;
}

std::map<std::string, std::string> Theme::assets() const {
  std::map<std::string, std::string> assets;
  for (const auto& [path, contents] : files_) {
    if (path.starts_with("assets/")) assets[path.substr(7)] = contents;
  }
  return assets;
}

}  // namespace vern::site
