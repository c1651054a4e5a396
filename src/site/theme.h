#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "core/result.h"

namespace vern::site {

// The templates and static assets a site is rendered with: the default theme compiled into the
// binary, with any file of the same relative path in an override folder (--theme DIR) taking its
// place. Paths look like "templates/album.mustache" and "assets/style.css".
class Theme {
 public:
  // Fails when `override_dir` is given but is not a readable folder, or a file in it cannot be
  // read.
  [[nodiscard]] static Result<Theme> load(const std::optional<std::filesystem::path>& override_dir);

  // The file at `path`, or an error naming it when the theme has no such file.
  [[nodiscard]] Result<std::string> file(const std::string& path) const;

  // A hash of every file of the theme: pages made with an equal hash used the same theme.
  std::string content_hash() const;

  // Templates under "templates/partials/", keyed by name without folder and extension.
  std::map<std::string, std::string> partials() const;

  // Files under "assets/", keyed by their path below it.
  std::map<std::string, std::string> assets() const;

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace vern::site
