#pragma once

#include <filesystem>
#include <vector>

#include "core/result.h"
#include "site/site_renderer.h"

namespace vern::site {

// The file that marks a folder as a Vernissage site, so a later build may write into it.
inline constexpr const char* kSiteMarker = ".vernissage-site";

struct WriteReport {
  int written = 0;    // files created or changed
  int unchanged = 0;  // files already present with the same bytes, left untouched
  std::vector<std::string> changed;  // the site-relative paths counted in `written`
};

// Writes `files` under `site_root`, each atomically, creating folders as needed. A file whose
// current contents are already identical is not rewritten (its mtime stays), so unchanged pages
// cost no write and upload tools see no change. Stops at the first file that cannot be written.
// With `dry_run`, only reports what would be written.
[[nodiscard]] Result<WriteReport> write_site_files(const std::filesystem::path& site_root,
                                                   const std::vector<SiteFile>& files,
                                                   bool dry_run = false);

}  // namespace vern::site
