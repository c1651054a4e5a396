#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "site/gallery.h"
#include "site/site_settings.h"
#include "site/theme.h"

namespace vern::site {

// What a template is rendered with: mustache's own data (text, lists, objects, partials).
using TemplateData = kainjow::mustache::data;

// An album above a page, for its breadcrumbs: outermost first.
struct Crumb {
  std::string title;
  std::string page_path;
};

// Renders the pages of a site one at a time, into memory, with the theme's templates: what
// render_site does for a whole gallery, and a server for one page of a share. Each template is
// parsed once per renderer. Deterministic: the same inputs give byte-identical pages. Every text
// from metadata or file names is escaped for where it lands (HTML text, attribute, URL, XML).
// Links are relative to the page's own path, so a page works from any folder it is served at.
// Not thread-safe: one renderer per thread. Each call fails when a template it needs is missing
// or malformed, naming it.
class PageRenderer {
 public:
  PageRenderer(const SiteSettings& settings, const Theme& theme);
  ~PageRenderer();
  PageRenderer(const PageRenderer&) = delete;
  PageRenderer& operator=(const PageRenderer&) = delete;

  // The page at album.page_path: its sub-album cards and its photos' tiles, with the lightbox.
  // The public site's home page (the root album) first introduces the photographer, when the
  // settings name them or give a statement or an about.md: name, statement (else about.md's
  // first paragraph), a link to the About page, and the home cover, large.
  [[nodiscard]] Result<std::string> album_page(const Album& album, const std::vector<Crumb>& trail);

  // about.html: about.md in full, the contact line, the e-mail address and the links; for a
  // site whose settings have_about_page().
  [[nodiscard]] Result<std::string> about_page(const Album& gallery);

  // The page of album.photos[index], with its facts and links to its neighbours.
  [[nodiscard]] Result<std::string> photo_page(const Album& album, std::size_t index,
                                               const std::vector<Crumb>& trail);

  // 404.html, with absolute links (it is served at whatever address was asked for).
  [[nodiscard]] Result<std::string> not_found_page();

  // feed.xml: an Atom entry per listed album, newest photographs first.
  [[nodiscard]] Result<std::string> feed(const Album& gallery);

  // sitemap.xml of the given pages; settings.base_url must be set (the protocol wants absolute
  // addresses).
  [[nodiscard]] Result<std::string> sitemap(const std::vector<std::string>& pages);

  // Any template of the theme with `body`, inside the site's layout, as the page at `page_path`
  // (relative links are made from there): a share page, an about page. `preview` is the photo
  // that stands for the page in link previews, if any.
  [[nodiscard]] Result<std::string> page(const std::string& template_name,
                                         const std::string& page_path,
                                         const std::string& page_title, TemplateData body,
                                         const std::vector<Crumb>& trail,
                                         const Photo* preview = nullptr);

  // The theme's assets by their path in the theme ("style.css"), and the fingerprinted
  // site-relative names pages link them by ("assets/style.0123456789.css").
  const std::map<std::string, std::string>& asset_names() const { return asset_names_; }

 private:
  Result<std::string> render_template(const std::string& name, const TemplateData& data);
  Result<std::string> in_layout(const std::string& template_name, const std::string& page_path,
                                const std::string& root, const std::string& page_title,
                                TemplateData body, const std::vector<Crumb>& trail,
                                const Photo* preview);
  void set_common(TemplateData& data, const std::string& root) const;
  TemplateData album_cards(const Album& album, const std::string& root, bool after_hero) const;
  TemplateData introduction(const Album& gallery, const std::string& root) const;
  TemplateData photo_tiles(const Album& album, const std::string& root, bool after_cards) const;

  const SiteSettings& settings_;
  const Theme& theme_;
  const std::map<std::string, std::string> asset_names_;
  const std::string inline_style_;  // the theme's style.css, from the theme author, not from users
  std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>> templates_;
};

}  // namespace vern::site
