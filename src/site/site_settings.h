#pragma once

#include <string>
#include <vector>

namespace vern::site {

// A place the photographer is found elsewhere: a portfolio, a gallery, a social network.
struct SiteLink {
  std::string title;  // "Instagram"
  std::string url;    // https://, http:// or mailto: (checked when the settings are read)
};

// Site-wide choices of the photographer (vernissage.toml [site] or flags).
struct SiteSettings {
  std::string title = "Gallery";
  std::string description;
  std::string statement;  // a few lines on the work: the home page, the printed catalogue
  std::string author;     // the photographer: the home page's name, the labels, the book
  // The photographer's about.md (TEXTS/about.md, else PHOTOS/about.md), Markdown: the About page,
  // and its first paragraph on the home page when there is no statement.
  std::string about;
  std::string contact;          // a line for the About page: "Represented by Galerie X, Paris"
  std::string email;            // a mailto: link on the About page
  std::vector<SiteLink> links;  // [[site.links]]: the photographer elsewhere
  std::string cover;            // the home page's large photo, relative to PHOTOS; else the
                                // gallery's cover
  std::string copyright;        // the line shown in every footer, e.g. "© 2026 Jane Doe"
  std::string language = "en";
  // Absolute URL the site will live at ("https://example.org/photos/"); needed only for
  // sitemap.xml, the feed and OpenGraph, which require absolute links. Empty: relative links only.
  std::string base_url;
  bool keep_location = false;  // show coordinates on photo pages (--keep-location)
  bool show_prices = false;    // show the works' prices on photo pages ([site] show_prices)
  // Pages of a private link (vernissage serve): no feed link, and a robots "noindex".
  bool private_gallery = false;

  // The public site has an About page (about.html) when there is something to put on it.
  bool has_about_page() const {
    return !private_gallery &&
           (!about.empty() || !contact.empty() || !email.empty() || !links.empty());
  }
};

}  // namespace vern::site
