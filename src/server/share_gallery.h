#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "catalogue/photo_record.h"
#include "catalogue/share_table.h"
#include "core/result.h"
#include "publish/photo_job.h"
#include "site/gallery.h"
#include "site/site_settings.h"
#include "site/theme.h"

namespace vern::server {

// How every share looks and how its images are made: the photographer's settings (a
// vernissage.toml given to `serve`, else defaults) and the private folder the images go to.
struct ShareLook {
  site::SiteSettings site;
  publish::PhotoJobSettings images;
};

// One share laid out as a small site rooted at its link (/s/TOKEN/): pages rendered once, in
// memory, and the only image names it may serve. Built from the catalogue's records alone, so
// its page works before any image is rendered (their names come from the recipe).
struct ShareGallery {
  std::int64_t share_id = 0;
  std::string title;                                      // "For Le Monde — Streets of Moscow"
  std::map<std::string, std::string> pages;               // "index.html", "SLUG.html" -> HTML
  std::map<std::string, std::int64_t> media;              // "media/ab/….jpg" -> photo id
  std::map<std::int64_t, catalogue::PhotoRecord> photos;  // the photos shown, by id
  std::map<std::string, std::int64_t> ids_by_slug;        // "nikon-d90" -> photo id
  std::map<std::int64_t, std::string> slugs_by_id;
  std::vector<site::Photo> shown;  // as the site stage laid them out, in the gallery's order
};

// How `share`'s images are made: the server's settings with the link's own watermark.
publish::PhotoJobSettings images_for(const ShareLook& look, const catalogue::Share& share);

// The theme's assets by the fingerprinted names pages link them by ("assets/style.0123.css"):
// what the share site and the desk serve of the theme.
std::map<std::string, std::string> served_assets(const site::SiteSettings& settings,
                                                 const site::Theme& theme);

// "For RECIPIENT — WHAT": what the share's pages and password page are titled.
std::string share_title(const catalogue::Share& share);

// The gallery of `share` showing `photos` (its records, in its order; files gone missing are
// left out). Metadata passes the privacy policy of the link (no location unless
// --keep-location). Fails when a template of the theme fails, naming it.
[[nodiscard]] Result<ShareGallery> make_share_gallery(
    const catalogue::Share& share, const std::vector<catalogue::PhotoRecord>& photos,
    const ShareLook& look, const site::Theme& theme);

// The password page of `share`; `wrong` adds the message for a refused password.
[[nodiscard]] Result<std::string> password_page(const catalogue::Share& share,
                                                const ShareLook& look, const site::Theme& theme,
                                                bool wrong);

}  // namespace vern::server
