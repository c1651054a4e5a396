#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "site/gallery.h"
#include "site/site_settings.h"
#include "site/theme.h"

namespace vern::site {

// A file of the generated site other than image derivatives: a page, a stylesheet, a script.
struct SiteFile {
  std::string relative_path;
  std::string contents;
};

// Renders every page of the gallery (index, one per album, one per photo, 404) and the theme's
// assets under fingerprinted names, all in memory. Deterministic: the same gallery and settings
// give byte-identical files. Every text from metadata or file names is escaped for where it
// lands (HTML text, attribute, URL).
//
// Fails when a template is missing or malformed.
[[nodiscard]] Result<std::vector<SiteFile>> render_site(const Album& gallery,
                                                        const SiteSettings& settings,
                                                        const Theme& theme);

}  // namespace vern::site
