#pragma once

#include <string>

namespace vern::site {

// Site-wide choices of the photographer (vernissage.toml [site] or flags).
struct SiteSettings {
  std::string title = "Gallery";
  std::string description;
  std::string statement;  // the photographer's statement, for the printed catalogue
  std::string author;
  std::string copyright;  // the line shown in every footer, e.g. "© 2026 Jane Doe"
  std::string language = "en";
  // Absolute URL the site will live at ("https://example.org/photos/"); needed only for
  // sitemap.xml, the feed and OpenGraph, which require absolute links. Empty: relative links only.
  std::string base_url;
  bool keep_location = false;  // show coordinates on photo pages (--keep-location)
  bool show_prices = false;    // show the works' prices on photo pages ([site] show_prices)
  // Pages of a private link (vernissage serve): no feed link, and a robots "noindex".
  bool private_gallery = false;
};

}  // namespace vern::site
