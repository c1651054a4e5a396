#pragma once

#include <filesystem>
#include <map>
#include <vector>

#include "core/result.h"
#include "site/site_renderer.h"

namespace vern::site {

// The file that marks a folder as a Vernissage site, so a later build may write into it.
inline constexpr const char* kSiteMarker = ".vernissage-site";

// True when the file at `path` holds exactly `contents` (its size is compared first).
bool file_has_contents(const std::filesystem::path& path, const std::string& contents);

struct WriteReport {
  int written = 0;                   // files created or changed
  int unchanged = 0;                 // files already present with the same bytes, left untouched
  std::vector<std::string> changed;  // the site-relative paths counted in `written`
};

// Writes `files` under `site_root`, each atomically, creating folders as needed. A file whose
// current contents are already identical is not rewritten (its mtime stays), so unchanged pages
// cost no write and upload tools see no change. `known_hashes` (from the last build's manifest)
// lets an unchanged page be recognised by its hash and size without reading it back; files not
// in it are compared byte for byte. `hashes` receives the content hash of every file.
// Stops at the first file that cannot be written. With `dry_run`, only reports.
[[nodiscard]] Result<WriteReport> write_site_files(
    const std::filesystem::path& site_root, const std::vector<SiteFile>& files,
    const std::map<std::string, std::string>& known_hashes,
    std::map<std::string, std::string>& hashes, bool dry_run = false);

}  // namespace vern::site
