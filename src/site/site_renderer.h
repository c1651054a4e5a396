#pragma once

#include <functional>
#include <map>
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

struct RenderedSite {
  std::vector<SiteFile> files;  // pages rendered in this run, feeds, assets
  // Pages not rendered because their album's fingerprint is unchanged and they exist.
  std::vector<std::string> kept_pages;
  std::map<std::string, std::string> album_fingerprints;  // by album page path
};

// What a rebuild may reuse: the album fingerprints of the last build, and a way to tell whether
// a page of it is still present.
struct PreviousRender {
  std::map<std::string, std::string> album_fingerprints;
  std::function<bool(const std::string&)> page_exists;
};

// Renders every page of the gallery (index, one per album, one per photo, 404, feed, sitemap)
// and the theme's assets under fingerprinted names, all in memory. Deterministic: the same
// gallery and settings give byte-identical files. Every text from metadata or file names is
// escaped for where it lands (HTML text, attribute, URL, XML). An album whose fingerprint
// (page_fingerprint.h) equals the previous one, with all its pages present, is not rendered:
// its pages are listed in kept_pages instead.
//
// Fails when a template is missing or malformed.
[[nodiscard]] Result<RenderedSite> render_site(const Album& gallery, const SiteSettings& settings,
                                               const Theme& theme,
                                               const PreviousRender& previous = {});

}  // namespace vern::site
