#include "site/site_renderer.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <kainjow/mustache.hpp>
#include <map>

#include "core/content_hash.h"
#include "site/exif_display.h"
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

const std::string& alt_text(const Photo& photo) {
  const auto& m = photo.input.metadata;
  if (m.caption) return *m.caption;
  return photo.title;
}

class PageRenderer {
 public:
  PageRenderer(const SiteSettings& settings, const Theme& theme,
               std::map<std::string, std::string> asset_names)
      : settings_(settings), theme_(theme), asset_names_(std::move(asset_names)) {}

  Result<std::vector<SiteFile>> render_all(const Album& gallery) {
    std::vector<SiteFile> files;
    if (auto r = render_album(gallery, {}, files); !r) return tl::unexpected(r.error());
    Data body;
    body.set("message", "This page does not exist.");
    auto not_found = render_page("404.mustache", "404.html", "Not found", body, {}, nullptr, true);
    if (!not_found) return tl::unexpected(not_found.error());
    files.push_back({"404.html", std::move(*not_found)});
    return files;
  }

 private:
  struct Crumb {
    std::string title;
    std::string page_path;
  };

  Result<void> render_album(const Album& album, std::vector<Crumb> trail,
                            std::vector<SiteFile>& files) {
    const std::string root = path_to_root(album.page_path);
    Data body;
    body.set("title", album.title);
    body.set("is_root", trail.empty());
    Data children = list();
    for (const Album& child : album.children) {
      Data card;
      card.set("title", child.title);
      card.set("url", root + encode_url_path(child.page_path));
      card.set("count", std::to_string(child.photo_count_with_children));
      card.set("count_label", child.photo_count_with_children == 1 ? "photo" : "photos");
      if (child.cover != nullptr) {
        card.set("cover", picture(*child.cover, root, "(max-width: 640px) 100vw, 33vw", &child - album.children.data() >= 6));
      }
      children.push_back(card);
    }
    body.set("albums", children);
    body.set("has_albums", !album.children.empty());

    Data tiles = list();
    for (std::size_t i = 0; i < album.photos.size(); ++i) {
      const Photo& photo = album.photos[i];
      Data tile;
      tile.set("url", root + encode_url_path(photo.page_path));
      tile.set("title", photo.title);
      tile.set("aspect", aspect_ratio(photo.input.width, photo.input.height));
      // The first row is visible at once; everything below loads as the visitor scrolls.
      tile.set("image", picture(photo, root, "(max-width: 640px) 50vw, 25vw", i >= 4));
      tiles.push_back(tile);
    }
    body.set("photos", tiles);
    body.set("has_photos", !album.photos.empty());

    const std::string page_title =
        trail.empty() ? settings_.title : album.title + " — " + settings_.title;
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
    body.set("image", picture(photo, root, "100vw", false));
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
  Data picture(const Photo& photo, const std::string& root, const std::string& sizes, bool lazy) const {
    std::map<OutputFormat, std::vector<const Derivative*>> by_format;
    for (const auto& d : photo.input.derivatives) by_format[d.encoding.format].push_back(&d);
    Data data;
    if (by_format.empty()) return data;
    const OutputFormat fallback =
        by_format.contains(OutputFormat::kJpeg) ? OutputFormat::kJpeg : by_format.rbegin()->first;
    const auto srcset = [&](const std::vector<const Derivative*>& ds) {
      std::string set;
      for (const Derivative* d : ds) {
        if (!set.empty()) set += ", ";
        set += root + encode_url_path(d->relative_path) + " " + std::to_string(d->width) + "w";
      }
      return set;
    };
    Data sources = list();
    for (const auto& [format, ds] : by_format) {
      if (format == fallback) continue;
      Data source;
      source.set("type", std::string(output_format_mime(format)));
      source.set("srcset", srcset(ds));
      sources.push_back(source);
    }
    const auto& fallbacks = by_format.at(fallback);
    // The src for browsers without srcset: a middle size, sharp enough on a laptop.
    const auto* src = *std::find_if(fallbacks.begin(), fallbacks.end(), [&](const Derivative* d) {
      return long_edge(*d) >= 960 || d == fallbacks.back();
    });
    const Derivative* largest = fallbacks.back();
    data.set("sources", sources);
    data.set("srcset", srcset(fallbacks));
    data.set("src", root + encode_url_path(src->relative_path));
    data.set("sizes", sizes);
    data.set("width", std::to_string(largest->width));
    data.set("height", std::to_string(largest->height));
    data.set("alt", alt_text(photo));
    data.set("loading", lazy ? "lazy" : "eager");
    return data;
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
    auto body_template = theme_.file("templates/" + template_name);
    if (!body_template) return tl::unexpected(body_template.error());
    Template page(*body_template);
    if (!page.is_valid()) {
      return fail(ErrorCode::kInvalidInput,
                  "template " + template_name + " is malformed: " + page.error_message());
    }
    const std::string content = page.render(body);

    Data layout;
    common(layout);
    layout.set("page_title", page_title);
    layout.set("description", settings_.description.empty() ? settings_.title : settings_.description);
    layout.set("content", content);
    Data crumbs = list();
    for (const auto& crumb : trail) {
      Data c;
      c.set("title", crumb.title);
      c.set("url", root + encode_url_path(crumb.page_path));
      crumbs.push_back(c);
    }
    layout.set("breadcrumbs", crumbs);
    layout.set("has_breadcrumbs", !trail.empty());
    if (!settings_.base_url.empty()) {
      layout.set("canonical_url", settings_.base_url + encode_url_path(page_path));
      if (preview != nullptr && !preview->input.derivatives.empty()) {
        const auto& ds = preview->input.derivatives;
        const auto it = std::find_if(ds.begin(), ds.end(), [](const Derivative& d) {
          return d.encoding.format == OutputFormat::kJpeg && long_edge(d) >= 960;
        });
        const Derivative& d = it != ds.end() ? *it : ds.back();
        layout.set("og_image", settings_.base_url + encode_url_path(d.relative_path));
      }
    }
    auto layout_template = theme_.file("templates/layout.mustache");
    if (!layout_template) return tl::unexpected(layout_template.error());
    Template frame(*layout_template);
    if (!frame.is_valid()) {
      return fail(ErrorCode::kInvalidInput,
                  "template layout.mustache is malformed: " + frame.error_message());
    }
    return frame.render(layout);
  }

  const SiteSettings& settings_;
  const Theme& theme_;
  const std::map<std::string, std::string> asset_names_;
};

}  // namespace

Result<std::vector<SiteFile>> render_site(const Album& gallery, const SiteSettings& settings,
                                          const Theme& theme) {
  const auto assets = theme.assets();
  auto names = fingerprinted_names(assets);
  PageRenderer renderer(settings, theme, names);
  auto files = renderer.render_all(gallery);
  if (!files) return files;
  for (const auto& [path, contents] : assets) files->push_back({names.at(path), contents});
  return files;
}

}  // namespace vern::site
