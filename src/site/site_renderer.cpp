#include "site/site_renderer.h"

#include <algorithm>

#include "site/page_fingerprint.h"
#include "site/page_renderer.h"

namespace vern::site {
namespace {

// Walks the gallery and renders its pages with one PageRenderer, keeping the pages of albums
// whose fingerprint did not change.
class SiteRender {
 public:
  SiteRender(const SiteSettings& settings, const Theme& theme, const PreviousRender& previous,
             RenderedSite& out)
      : settings_(settings),
        pages_(settings, theme),
        previous_(previous),
        out_(out),
        theme_hash_(theme.content_hash()) {}

  Result<void> render(const Album& gallery) {
    if (auto r = render_album(gallery, {}); !r) return r;
    if (settings_.has_about_page()) {
      auto about = pages_.about_page(gallery);
      if (!about) return tl::unexpected(about.error());
      out_.files.push_back({"about.html", std::move(*about)});
      // After the home page, in the sitemap.
      listed_pages_.insert(listed_pages_.begin() + std::min<std::size_t>(1, listed_pages_.size()),
                           "about.html");
    }
    auto not_found = pages_.not_found_page();
    if (!not_found) return tl::unexpected(not_found.error());
    out_.files.push_back({"404.html", std::move(*not_found)});
    auto feed = pages_.feed(gallery);
    if (!feed) return tl::unexpected(feed.error());
    out_.files.push_back({"feed.xml", std::move(*feed)});
    // The sitemap protocol accepts only absolute addresses.
    if (!settings_.base_url.empty()) {
      auto sitemap = pages_.sitemap(listed_pages_);
      if (!sitemap) return tl::unexpected(sitemap.error());
      out_.files.push_back({"sitemap.xml", std::move(*sitemap)});
    }
    return {};
  }

  const std::map<std::string, std::string>& asset_names() const { return pages_.asset_names(); }

 private:
  // The album's page and its photos' pages, then its sub-albums', in gallery order.
  Result<void> render_album(const Album& album, std::vector<Crumb> trail) {
    if (!album.hidden) {
      listed_pages_.push_back(album.page_path);
      for (const auto& photo : album.photos) listed_pages_.push_back(photo.page_path);
    }
    if (!keep_unchanged(album, trail)) {
      auto html = pages_.album_page(album, trail);
      if (!html) return tl::unexpected(html.error());
      out_.files.push_back({album.page_path, std::move(*html)});
      trail.push_back({album.title, album.page_path});
      for (std::size_t i = 0; i < album.photos.size(); ++i) {
        auto photo = pages_.photo_page(album, i, trail);
        if (!photo) return tl::unexpected(photo.error());
        out_.files.push_back({album.photos[i].page_path, std::move(*photo)});
      }
    } else {
      trail.push_back({album.title, album.page_path});
    }
    for (const Album& child : album.children) {
      if (auto r = render_album(child, trail); !r) return r;
    }
    return {};
  }

  // True, with the album's pages listed as kept, when its fingerprint equals the last build's
  // and all its pages are still there.
  bool keep_unchanged(const Album& album, const std::vector<Crumb>& trail) {
    std::vector<std::pair<std::string, std::string>> crumbs;
    for (const auto& c : trail) crumbs.emplace_back(c.title, c.page_path);
    const std::string fingerprint = album_fingerprint(album, crumbs, settings_, theme_hash_);
    out_.album_fingerprints[album.page_path] = fingerprint;
    const auto previous = previous_.album_fingerprints.find(album.page_path);
    std::vector<std::string> pages = {album.page_path};
    for (const auto& photo : album.photos) pages.push_back(photo.page_path);
    const bool unchanged = previous != previous_.album_fingerprints.end() &&
                           previous->second == fingerprint && previous_.page_exists &&
                           std::all_of(pages.begin(), pages.end(), previous_.page_exists);
    if (unchanged) out_.kept_pages.insert(out_.kept_pages.end(), pages.begin(), pages.end());
    return unchanged;
  }

  const SiteSettings& settings_;
  PageRenderer pages_;
  const PreviousRender& previous_;
  RenderedSite& out_;
  const std::string theme_hash_;
  std::vector<std::string> listed_pages_;  // pages for the sitemap, in gallery order
};

}  // namespace

Result<RenderedSite> render_site(const Album& gallery, const SiteSettings& settings,
                                 const Theme& theme, const PreviousRender& previous) {
  RenderedSite site;
  SiteRender render(settings, theme, previous, site);
  if (auto r = render.render(gallery); !r) return tl::unexpected(r.error());
  for (const auto& [path, contents] : theme.assets()) {
    site.files.push_back({render.asset_names().at(path), contents});
  }
  return site;
}

}  // namespace vern::site
