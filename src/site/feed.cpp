// PageRenderer's machine-read pages: the Atom feed and the sitemap.
#include <algorithm>

#include "site/detail/picture_data.h"
#include "site/page_renderer.h"
#include "site/url_path.h"

namespace vern::site {
namespace {

void collect_listed(const Album& album, std::vector<const Album*>& out) {
  for (const auto& child : album.children) {
    if (child.hidden) continue;
    out.push_back(&child);
    collect_listed(child, out);
  }
}

// RFC 3339 for Atom from a capture time: local times without an offset are written as UTC.
std::string atom_time(const std::string& taken_at) {
  if (taken_at.size() < 10) return "1970-01-01T00:00:00Z";
  std::string t = taken_at.size() == 10 ? taken_at + "T00:00:00" : taken_at;
  if (t.size() == 19) t += "Z";
  return t;
}

// Entries carry the latest capture time of their album: deterministic, unlike build time.
std::string updated(const Album& album) {
  std::string latest;
  for (const auto& p : album.photos)
    latest = std::max(latest, p.input.metadata.taken_at.value_or(""));
  return atom_time(latest);
}

// An entry links to the album page and shows the cover as a derivative, never an original.
TemplateData feed_entry(const Album& album, const std::string& base) {
  TemplateData entry;
  entry.set("title", album.title);
  entry.set("url", base + encode_url_path(album.page_path));
  entry.set("id", base.empty() ? "urn:vernissage:album:" + encode_url_path(album.page_path)
                               : base + encode_url_path(album.page_path));
  entry.set("updated", updated(album));
  const std::string summary = album.description.empty()
                                  ? std::to_string(album.photo_count_with_children) + " photographs"
                                  : album.description;
  entry.set("summary", summary);
  entry.set("summary_html", kainjow::mustache::html_escape<std::string>(summary));
  if (album.cover != nullptr && !album.cover->input.derivatives.empty()) {
    entry.set("image", base + encode_url_path(detail::preview_image(*album.cover).relative_path));
    // The entry's HTML content is itself escaped into XML, so text inside it is escaped twice.
    entry.set("image_alt_html",
              kainjow::mustache::html_escape<std::string>(detail::alt_text(*album.cover)));
  }
  return entry;
}

}  // namespace

Result<std::string> PageRenderer::feed(const Album& gallery) {
  std::vector<const Album*> albums;
  collect_listed(gallery, albums);
  std::stable_sort(albums.begin(), albums.end(),
                   [&](const Album* a, const Album* b) { return updated(*a) > updated(*b); });
  const std::string base = settings_.base_url;
  TemplateData entries(TemplateData::type::list);
  std::string feed_updated = atom_time("");
  for (const Album* album : albums) {
    entries.push_back(feed_entry(*album, base));
    feed_updated = std::max(feed_updated, updated(*album));
  }
  TemplateData feed;
  feed.set("title", settings_.title);
  feed.set("author", settings_.author.empty() ? settings_.title : settings_.author);
  feed.set("id", base.empty() ? "urn:vernissage:site:" + encode_url_path(settings_.title) : base);
  feed.set("site_url", base.empty() ? "index.html" : base);
  feed.set("feed_url", base + "feed.xml");
  feed.set("updated", feed_updated);
  feed.set("copyright", settings_.copyright);
  feed.set("entries", entries);
  return render_template("feed.mustache", feed);
}

Result<std::string> PageRenderer::sitemap(const std::vector<std::string>& pages) {
  TemplateData urls(TemplateData::type::list);
  for (const auto& page : pages) {
    urls.push_back(TemplateData("loc", settings_.base_url + encode_url_path(page)));
  }
  TemplateData sitemap;
  sitemap.set("urls", urls);
  return render_template("sitemap.mustache", sitemap);
}

}  // namespace vern::site
