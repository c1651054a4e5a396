#pragma once

#include <string>
#include <utility>
#include <vector>

#include "site/gallery.h"
#include "site/site_settings.h"

namespace vern::site {

// Bump when a change to the page code (not the templates, which are hashed) alters pages.
inline constexpr int kPageCodeVersion = 6;

// A hash of everything an album's page and its photos' pages are made from: the album and its
// photos (every field, whether shown or not), its sub-album cards, the breadcrumb trail, the
// site settings and the theme. Equal fingerprints mean byte-identical pages, so a rebuild may
// keep those pages without rendering them. `trail` holds (title, page path) of the albums above.
std::string album_fingerprint(const Album& album,
                              const std::vector<std::pair<std::string, std::string>>& trail,
                              const SiteSettings& settings, const std::string& theme_hash);

}  // namespace vern::site
