#include "site/site_renderer.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <kainjow/mustache.hpp>
#include <map>
#include <memory>

#include "core/content_hash.h"
#include "site/exif_display.h"
#include "site/page_fingerprint.h"
#include "site/url_path.h"

namespace vern::site {
namespace {

using Data = kainjow::mustache::data;
using Template = kainjow::mustache::mustache;

Data list() { return Data(Data::type::list); }

// Grid tiles are laid out in justified rows: each tile grows in proportion to its aspect ratio.
std::string aspect_ratio(int width, int height) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", height > 0 ? static_cast<double>(width) / height : 1.0);
  return buffer;
}

// Assets are served under names that carry a hash of their content, so browsers may cache them
// forever and a changed theme is never mixed with a stale cached file.
std::map<std::string, std::string> fingerprinted_names(const std::map<std::string, std::string>& assets) {
  std::map<std::string, std::string> names;
  for (const auto& [path, contents] : assets) {
    const auto dot = path.find_last_of('.');
    const std::string stem = dot == std::string::npos ? path : path.substr(0, dot);
    const std::string ext = dot == std::string::npos ? "" : path.substr(dot);
    names[path] = "assets/" + stem + "." + content_hash(contents).substr(0, 10) + ext;
  }
  return names;
}

// Template key for an asset: "style.css" -> "asset_style_css".
std::string asset_key(const std::string& path) {
  std::string key = "asset_" + path;
  std::replace_if(key.begin(), key.end(), [](char c) { return c == '.' || c == '/' || c == '-'; }, '_');
  return key;
}

// "URL 480w, URL 960w": a srcset of the given derivatives, one encoding, smallest first.
std::string srcset_of(const std::vector<const Derivative*>& derivatives, const std::string& root) {
  std::string set;
  for (const Derivative* d : derivatives) {
    if (!set.empty()) set += ", ";
    set += root + encode_url_path(d->relative_path) + " " + std::to_string(d->width) + "w";
  }
  return set;
}

// The image that stands for a photo outside the page (feeds, link previews): a JPEG of at least
// 960 px, which every reader and social site shows, else the largest derivative made.
const Derivative& preview_image(const Photo& photo) {
  const auto& ds = photo.input.derivatives;
  const auto it = std::find_if(ds.begin(), ds.end(), [](const Derivative& d) {
    return d.encoding.format == OutputFormat::kJpeg && long_edge(d) >= 960;
  });
  return it != ds.end() ? *it : ds.back();
}

const std::string& alt_text(const Photo& photo) {
  const auto& m = photo.input.metadata;
  if (m.caption) return *m.caption;
  return photo.title;
}

class PageRenderer {
 public:
  PageRenderer(const SiteSettings& settings, const Theme& theme,
               std::map<std::string, std::string> asset_names, const PreviousRender& previous,
               RenderedSite& out)
      : settings_(settings),
        theme_(theme),
        asset_names_(std::move(asset_names)),
        previous_(previous),
        out_(out),
        theme_hash_(theme.content_hash()),
        inline_style_(theme.file("assets/style.css").value_or("")) {}

  Result<std::vector<SiteFile>> render_all(const Album& gallery) {
    std::vector<SiteFile> files;
    if (auto r = render_album(gallery, {}, files); !r) return tl::unexpected(r.error());
    Data body;
    body.set("message", "This page does not exist.");
    auto not_found = render_page("404.mustache", "404.html", "Not found", body, {}, nullptr, true);
    if (!not_found) return tl::unexpected(not_found.error());
    files.push_back({"404.html", std::move(*not_found)});
    if (auto r = render_feed(gallery, files); !r) return tl::unexpected(r.error());
    // The sitemap protocol accepts only absolute addresses.
    if (!settings_.base_url.empty()) {
      Data urls = list();
      for (const auto& page : listed_pages_) urls.push_back(Data("loc", settings_.base_url + encode_url_path(page)));
      Data sitemap;
      sitemap.set("urls", urls);
      auto xml = render_template("sitemap.mustache", sitemap);
      if (!xml) return tl::unexpected(xml.error());
      files.push_back({"sitemap.xml", std::move(*xml)});
    }
    return files;
  }

 private:
  struct Crumb {
    std::string title;
    std::string page_path;
  };

  // An Atom feed with one entry per listed album, newest photographs first; entries link to the
  // album page and show the cover as a derivative, never an original.
  Result<void> render_feed(const Album& gallery, std::vector<SiteFile>& files) {
    std::vector<const Album*> albums;
    collect_listed(gallery, albums);
    // Entries carry the latest capture time of their album: deterministic, unlike build time.
    const auto updated = [](const Album& a) {
      std::string latest;
      for (const auto& p : a.photos) latest = std::max(latest, p.input.metadata.taken_at.value_or(""));
      return atom_time(latest);
    };
    std::stable_sort(albums.begin(), albums.end(),
                     [&](const Album* a, const Album* b) { return updated(*a) > updated(*b); });
    const std::string base = settings_.base_url;
    Data entries = list();
    std::string feed_updated = atom_time("");
    for (const Album* album : albums) {
      Data entry;
      entry.set("title", album->title);
      entry.set("url", base + encode_url_path(album->page_path));
      entry.set("id", base.empty() ? "urn:vernissage:album:" + encode_url_path(album->page_path)
                                   : base + encode_url_path(album->page_path));
      entry.set("updated", updated(*album));
      feed_updated = std::max(feed_updated, updated(*album));
      const std::string summary = album->description.empty()
                                      ? std::to_string(album->photo_count_with_children) + " photographs"
                                      : album->description;
      entry.set("summary", summary);
      entry.set("summary_html", kainjow::mustache::html_escape<std::string>(summary));
      if (album->cover != nullptr && !album->cover->input.derivatives.empty()) {
        entry.set("image", base + encode_url_path(preview_image(*album->cover).relative_path));
        // The entry's HTML content is itself escaped into XML, so text inside it is escaped twice.
        entry.set("image_alt_html", kainjow::mustache::html_escape<std::string>(alt_text(*album->cover)));
      }
      entries.push_back(entry);
    }
    Data feed;
    feed.set("title", settings_.title);
    feed.set("author", settings_.author.empty() ? settings_.title : settings_.author);
    feed.set("id", base.empty() ? "urn:vernissage:site:" + encode_url_path(settings_.title) : base);
    feed.set("site_url", base.empty() ? "index.html" : base);
    feed.set("feed_url", base + "feed.xml");
    feed.set("updated", feed_updated);
    feed.set("copyright", settings_.copyright);
    feed.set("entries", entries);
    auto xml = render_template("feed.mustache", feed);
    if (!xml) return tl::unexpected(xml.error());
    files.push_back({"feed.xml", std::move(*xml)});
    return {};
  }

  static void collect_listed(const Album& album, std::vector<const Album*>& out) {
    for (const auto& child : album.children) {
      if (child.hidden) continue;
      out.push_back(&child);
      collect_listed(child, out);
    }
  }

  // RFC 3339 for Atom from a capture time: local times without an offset are written as UTC.
  static std::string atom_time(const std::string& taken_at) {
    if (taken_at.size() < 10) return "1970-01-01T00:00:00Z";
    std::string t = taken_at.size() == 10 ? taken_at + "T00:00:00" : taken_at;
    if (t.size() == 19) t += "Z";
    return t;
  }

  // Each template is parsed once and rendered for every page that uses it.
  Result<Template*> parsed(const std::string& name) {
    if (auto it = templates_.find(name); it != templates_.end()) return it->second.get();
    auto text = theme_.file("templates/" + name);
    if (!text) return tl::unexpected(text.error());
    auto tmpl = std::make_unique<Template>(*text);
    if (!tmpl->is_valid()) {
      return fail(ErrorCode::kInvalidInput,
                  "template " + name + " is malformed: " + tmpl->error_message());
    }
    return templates_.emplace(name, std::move(tmpl)).first->second.get();
  }

  Result<std::string> render_template(const std::string& name, Data data) {
    auto tmpl = parsed(name);
    if (!tmpl) return tl::unexpected(tmpl.error());
    return (*tmpl)->render(data);
  }

  // All pages of the album (its own and its photos') when its fingerprint changed.
  std::vector<std::string> pages_of(const Album& album) const {
    std::vector<std::string> pages = {album.page_path};
    for (const auto& photo : album.photos) pages.push_back(photo.page_path);
    return pages;
  }

  Result<void> render_album(const Album& album, std::vector<Crumb> trail,
                            std::vector<SiteFile>& files) {
    if (!album.hidden) {
      listed_pages_.push_back(album.page_path);
      for (const auto& photo : album.photos) listed_pages_.push_back(photo.page_path);
    }
    std::vector<std::pair<std::string, std::string>> crumbs;
    for (const auto& c : trail) crumbs.emplace_back(c.title, c.page_path);
    const std::string fingerprint = album_fingerprint(album, crumbs, settings_, theme_hash_);
    out_.album_fingerprints[album.page_path] = fingerprint;
    const auto previous = previous_.album_fingerprints.find(album.page_path);
    const auto pages = pages_of(album);
    const bool unchanged =
        previous != previous_.album_fingerprints.end() && previous->second == fingerprint &&
        previous_.page_exists &&
        std::all_of(pages.begin(), pages.end(), previous_.page_exists);
    if (unchanged) {
      out_.kept_pages.insert(out_.kept_pages.end(), pages.begin(), pages.end());
      trail.push_back({album.title, album.page_path});
      for (const Album& child : album.children) {
        if (auto r = render_album(child, trail, files); !r) return r;
      }
      return {};
    }
    const std::string root = path_to_root(album.page_path);
    Data body;
    body.set("title", album.title);
    body.set("description", album.description);
    body.set("is_root", trail.empty());
    Data children = list();
    int cards = 0;
    for (const Album& child : album.children) {
      if (child.hidden) continue;
      Data card;
      card.set("title", child.title);
      card.set("url", root + encode_url_path(child.page_path));
      card.set("count", std::to_string(child.photo_count_with_children));
      card.set("count_label", child.photo_count_with_children == 1 ? "photo" : "photos");
      if (child.cover != nullptr) {
        // The first two rows of cards are in view at once; the rest load as the visitor scrolls.
        card.set("cover", picture(*child.cover, root, "(max-width: 640px) calc(100vw - 32px), 33vw",
                                  cards >= 6 ? Loading::kLazy : cards == 0 ? Loading::kFirst : Loading::kEager));
      }
      children.push_back(card);
      ++cards;
    }
    body.set("albums", children);
    body.set("has_albums", cards > 0);

    Data tiles = list();
    for (std::size_t i = 0; i < album.photos.size(); ++i) {
      const Photo& photo = album.photos[i];
      Data tile;
      tile.set("url", root + encode_url_path(photo.page_path));
      tile.set("slug", slug_of(photo));
      tile.set("title", photo.title);
      tile.set("caption", photo.input.metadata.caption.value_or(photo.title));
      set_lightbox_source(tile, photo, root);
      tile.set("aspect", aspect_ratio(photo.input.width, photo.input.height));
      // The first row is visible at once; everything below loads as the visitor scrolls.
      const bool first_on_page = i == 0 && cards == 0;
      tile.set("image", picture(photo, root, "(max-width: 640px) 50vw, 25vw",
                                i >= 4 ? Loading::kLazy : first_on_page ? Loading::kFirst : Loading::kEager));
      tiles.push_back(tile);
    }
    body.set("photos", tiles);
    body.set("has_photos", !album.photos.empty());

    const std::string page_title =
        trail.empty() ? settings_.title : album.title + " — " + settings_.title;
    body.set("has_lightbox", !album.photos.empty());
    auto html = render_page("album.mustache", album.page_path, page_title, body, trail,
                            album.cover, false);
    if (!html) return tl::unexpected(html.error());
    files.push_back({album.page_path, std::move(*html)});

    trail.push_back({album.title, album.page_path});
    for (std::size_t i = 0; i < album.photos.size(); ++i) {
      if (auto r = render_photo(album, i, trail, files); !r) return r;
    }
    for (const Album& child : album.children) {
      if (auto r = render_album(child, trail, files); !r) return r;
    }
    return {};
  }

  Result<void> render_photo(const Album& album, std::size_t index, const std::vector<Crumb>& trail,
                            std::vector<SiteFile>& files) {
    const Photo& photo = album.photos[index];
    const std::string root = path_to_root(photo.page_path);
    const auto& m = photo.input.metadata;
    Data body;
    body.set("title", photo.title);
    body.set("image", picture(photo, root, "100vw", Loading::kFirst));
    if (m.caption && m.caption != photo.title) body.set("caption", *m.caption);
    Data facts = list();
    for (const auto& [label, value] : photo_facts(m, settings_.keep_location)) {
      Data fact;
      fact.set("label", label);
      fact.set("value", value);
      facts.push_back(fact);
    }
    body.set("facts", facts);
    Data keywords = list();
    for (const auto& keyword : m.keywords) keywords.push_back(Data(keyword));
    body.set("keywords", keywords);
    body.set("has_keywords", !m.keywords.empty());
    body.set("album_url", root + encode_url_path(album.page_path));
    body.set("album_title", album.title);
    if (index > 0) body.set("prev_url", root + encode_url_path(album.photos[index - 1].page_path));
    if (index + 1 < album.photos.size()) {
      body.set("next_url", root + encode_url_path(album.photos[index + 1].page_path));
    }
    if (photo.input.original_path) {
      body.set("original_url", root + encode_url_path(*photo.input.original_path));
    }
    body.set("position", std::to_string(index + 1));
    body.set("total", std::to_string(album.photos.size()));

    auto html = render_page("photo.mustache", photo.page_path,
                            photo.title + " — " + album.title + " — " + settings_.title, body,
                            trail, &photo, false);
    if (!html) return tl::unexpected(html.error());
    files.push_back({photo.page_path, std::move(*html)});
    return {};
  }

  // <picture> data: one <source> per modern encoding, the fallback encoding (JPEG when made) in
  // <img>. width/height give the intrinsic aspect ratio so the page does not shift as it loads.
  // How urgently the browser should fetch an image: the first one on a page is usually the
  // largest paint, images below the fold wait until scrolled near.
  enum class Loading { kFirst, kEager, kLazy };

  Data picture(const Photo& photo, const std::string& root, const std::string& sizes,
               Loading loading) const {
    std::map<OutputFormat, std::vector<const Derivative*>> by_format;
    for (const auto& d : photo.input.derivatives) by_format[d.encoding.format].push_back(&d);
    Data data;
    if (by_format.empty()) return data;
    const OutputFormat fallback =
        by_format.contains(OutputFormat::kJpeg) ? OutputFormat::kJpeg : by_format.rbegin()->first;
    Data sources = list();
    for (const auto& [format, ds] : by_format) {
      if (format == fallback) continue;
      Data source;
      source.set("type", std::string(output_format_mime(format)));
      source.set("srcset", srcset_of(ds, root));
      sources.push_back(source);
    }
    const auto& fallbacks = by_format.at(fallback);
    // The src for browsers without srcset: a middle size, sharp enough on a laptop.
    const auto* src = *std::find_if(fallbacks.begin(), fallbacks.end(), [&](const Derivative* d) {
      return long_edge(*d) >= 960 || d == fallbacks.back();
    });
    const Derivative* largest = fallbacks.back();
    data.set("sources", sources);
    data.set("srcset", srcset_of(fallbacks, root));
    data.set("src", root + encode_url_path(src->relative_path));
    data.set("sizes", sizes);
    data.set("width", std::to_string(largest->width));
    data.set("height", std::to_string(largest->height));
    data.set("alt", alt_text(photo));
    data.set("loading", loading == Loading::kLazy ? "lazy" : "eager");
    data.set("high_priority", loading == Loading::kFirst);
    data.set("thumbhash", photo.input.thumbhash);
    return data;
  }

  // The file name part of a photo page ("nikon-d90" for "streets/nikon-d90.html"), which names
  // the photo in the lightbox's address (#nikon-d90).
  static std::string slug_of(const Photo& photo) {
    const auto& path = photo.page_path;
    const auto slash = path.find_last_of('/');
    const auto start = slash == std::string::npos ? 0 : slash + 1;
    return path.substr(start, path.size() - start - std::string(".html").size());
  }

  // PhotoSwipe shows one <img>: it gets the first encoding every current browser decodes (WebP,
  // else JPEG, else whatever was made), with all its sizes as srcset.
  static void set_lightbox_source(Data& tile, const Photo& photo, const std::string& root) {
    const auto& ds = photo.input.derivatives;
    if (ds.empty()) return;
    OutputFormat format = ds.front().encoding.format;
    for (const auto preferred : {OutputFormat::kJpeg, OutputFormat::kWebp}) {
      if (std::any_of(ds.begin(), ds.end(), [&](const auto& d) { return d.encoding.format == preferred; })) {
        format = preferred;
      }
    }
    std::vector<const Derivative*> sizes;
    for (const auto& d : ds) {
      if (d.encoding.format == format) sizes.push_back(&d);
    }
    const Derivative* largest = sizes.back();
    tile.set("pswp_src", root + encode_url_path(largest->relative_path));
    tile.set("pswp_srcset", srcset_of(sizes, root));
    tile.set("pswp_width", std::to_string(largest->width));
    tile.set("pswp_height", std::to_string(largest->height));
  }

  Result<std::string> render_page(const std::string& template_name, const std::string& page_path,
                                  const std::string& page_title, Data body,
                                  const std::vector<Crumb>& trail, const Photo* preview,
                                  bool served_anywhere) {
    // A 404 page is served at whatever path was asked for, so it cannot use relative links.
    const std::string root = served_anywhere
                                 ? (settings_.base_url.empty() ? "/" : settings_.base_url)
                                 : path_to_root(page_path);
    auto common = [&](Data& data) {
      data.set("root", root);
      data.set("site_title", settings_.title);
      data.set("author", settings_.author);
      data.set("copyright", settings_.copyright);
      data.set("lang", settings_.language);
      data.set("home_url", root + "index.html");
      for (const auto& [path, name] : asset_names_) data.set(asset_key(path), root + name);
      // templates/partials/NAME.mustache is available to every template as {{> NAME}}.
      for (const auto& [name, text] : theme_.partials()) {
        data.set(name, kainjow::mustache::partial([text = text] { return text; }));
      }
    };
    common(body);
    auto content = render_template(template_name, body);
    if (!content) return tl::unexpected(content.error());

    Data layout;
    common(layout);
    layout.set("page_title", page_title);
    layout.set("description", settings_.description.empty() ? settings_.title : settings_.description);
    layout.set("content", *content);
    Data crumbs = list();
    for (const auto& crumb : trail) {
      Data c;
      c.set("title", crumb.title);
      c.set("url", root + encode_url_path(crumb.page_path));
      crumbs.push_back(c);
    }
    layout.set("breadcrumbs", crumbs);
    layout.set("feed_url", root + "feed.xml");
    // The stylesheet is small and needed before anything shows: inlined, it costs no round trip
    // before the first paint (Lighthouse's largest-paint time on a phone dropped by it).
    layout.set("inline_style", inline_style_);
    layout.set("has_breadcrumbs", !trail.empty());
    if (!settings_.base_url.empty()) {
      layout.set("canonical_url", settings_.base_url + encode_url_path(page_path));
      if (preview != nullptr && !preview->input.derivatives.empty()) {
        layout.set("og_image",
                   settings_.base_url + encode_url_path(preview_image(*preview).relative_path));
      }
    }
    return render_template("layout.mustache", layout);
  }

  const SiteSettings& settings_;
  const Theme& theme_;
  const std::map<std::string, std::string> asset_names_;
  const PreviousRender& previous_;
  RenderedSite& out_;
  const std::string theme_hash_;
  const std::string inline_style_;  // the theme's style.css, from the theme author, not from users
  std::vector<std::string> listed_pages_;  // pages for the sitemap, in gallery order
  std::map<std::string, std::unique_ptr<Template>> templates_;
};

}  // namespace

Result<RenderedSite> render_site(const Album& gallery, const SiteSettings& settings,
                                 const Theme& theme, const PreviousRender& previous) {
  const auto assets = theme.assets();
  auto names = fingerprinted_names(assets);
  RenderedSite site;
  PageRenderer renderer(settings, theme, names, previous, site);
  auto files = renderer.render_all(gallery);
  if (!files) return tl::unexpected(files.error());
  site.files = std::move(*files);
  for (const auto& [path, contents] : assets) site.files.push_back({names.at(path), contents});
  return site;
}

}  // namespace vern::site
