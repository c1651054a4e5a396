#include "server/share_gallery.h"

#include <algorithm>

#include "core/privacy.h"
#include "sharing/share_watermark.h"
#include "site/gallery.h"
#include "site/page_renderer.h"

namespace vern::server {
namespace {

// What the selection was, in words: the album's folder name, else the search.
std::string selection_words(const std::string& selection) {
  const auto colon = selection.find(':');
  const std::string kind = selection.substr(0, colon);
  const std::string value = colon == std::string::npos ? "" : selection.substr(colon + 1);
  if (kind == "album" || kind == "album+sub") {
    const auto slash = value.find_last_of('/');
    const std::string name = slash == std::string::npos ? value : value.substr(slash + 1);
    if (!name.empty()) {
      // As the site titles a folder without an album.toml title: "street_life" -> "Street life".
      std::string title = name;
      std::replace(title.begin(), title.end(), '_', ' ');
      if (title[0] >= 'a' && title[0] <= 'z') title[0] = static_cast<char>(title[0] - 'a' + 'A');
      return title;
    }
  }
  return "Selected photographs";
}

// The value of `field` when every photo carries the same; else empty (a share of several
// photographers' work, or of photos that do not say, names no one).
template <class Field>
std::string agreed(const std::vector<catalogue::PhotoRecord>& photos, Field field) {
  std::string value;
  for (const auto& photo : photos) {
    const auto& own = field(photo.metadata);
    if (!own || own->empty() || (!value.empty() && value != *own)) return "";
    value = *own;
  }
  return value;
}

// The settings of one share's pages: the photographer's, with the photographer's name and
// notice taken from the photos themselves when the settings give none.
site::SiteSettings share_site_settings(const catalogue::Share& share,
                                       const std::vector<catalogue::PhotoRecord>& photos,
                                       const ShareLook& look) {
  site::SiteSettings settings = look.site;
  if (settings.author.empty()) {
    settings.author = agreed(
        photos, [](const PhotoMetadata& m) -> auto& { return m.creator; });
  }
  if (settings.copyright.empty()) {
    settings.copyright = agreed(
        photos, [](const PhotoMetadata& m) -> auto& { return m.copyright; });
  }
  settings.title = settings.author.empty() ? "Private gallery" : settings.author;
  settings.description = share_title(share);
  settings.keep_location = share.keep_location;
  settings.base_url.clear();  // no canonical or OpenGraph address may carry the token
  settings.private_gallery = true;
  return settings;
}

site::PhotoInput photo_input(const catalogue::PhotoRecord& record, const catalogue::Share& share,
                             const publish::PhotoJobSettings& images) {
  site::PhotoInput input;
  const auto slash = record.path.find_last_of('/');
  input.file_name = slash == std::string::npos ? record.path : record.path.substr(slash + 1);
  input.source_path = input.file_name;
  input.metadata = publishable_metadata(record.metadata, share.keep_location);
  input.width = record.metadata.width.value_or(0);
  input.height = record.metadata.height.value_or(0);
  input.derivatives = publish::planned_derivatives(record, images);
  input.thumbhash = record.thumbhash;
  return input;
}

}  // namespace

std::map<std::string, std::string> served_assets(const site::SiteSettings& settings,
                                                 const site::Theme& theme) {
  std::map<std::string, std::string> served;
  const site::PageRenderer renderer(settings, theme);
  const auto contents = theme.assets();
  for (const auto& [path, name] : renderer.asset_names()) served[name] = contents.at(path);
  return served;
}

publish::PhotoJobSettings images_for(const ShareLook& look, const catalogue::Share& share) {
  auto images = look.images;
  if (share.watermark) images.imaging.watermark = sharing::watermark_from_json(share.watermark);
  return images;
}

std::string share_title(const catalogue::Share& share) {
  return "For " + share.recipient + " \u2014 " + selection_words(share.selection);
}

Result<ShareGallery> make_share_gallery(const catalogue::Share& share,
                                        const std::vector<catalogue::PhotoRecord>& photos,
                                        const ShareLook& look, const site::Theme& theme) {
  ShareGallery gallery;
  gallery.share_id = share.id;
  gallery.title = share_title(share);
  site::FolderInput root;
  root.settings.title = gallery.title;
  const int count = static_cast<int>(photos.size());
  root.settings.description =
      std::to_string(count) + (count == 1 ? " photograph" : " photographs") +
      (share.expires ? ", on this link until " + share.expires->substr(0, 10) : std::string());
  // Files recorded missing at the last index cannot be rendered; their already-rendered images
  // would be the only thing shown of them, so they are left out.
  const auto images = images_for(look, share);
  std::map<std::string, std::int64_t> ids_by_recipe;  // the site stage knows photos by content
  for (const auto& record : photos) {
    if (record.missing || record.content_hash.empty() || !record.metadata.width) continue;
    root.photos.push_back(photo_input(record, share, images));
    gallery.photos.emplace(record.id, record);
    for (const auto& d : root.photos.back().derivatives) gallery.media[d.relative_path] = record.id;
    if (!root.photos.back().derivatives.empty()) {
      ids_by_recipe.emplace(root.photos.back().derivatives.front().recipe_hash, record.id);
    }
  }
  const auto settings = share_site_settings(share, photos, look);
  site::Album album = site::make_gallery(std::move(root), gallery.title);
  for (const auto& photo : album.photos) {
    if (photo.input.derivatives.empty()) continue;
    const auto id = ids_by_recipe.find(photo.input.derivatives.front().recipe_hash);
    if (id == ids_by_recipe.end()) continue;
    const std::string slug = photo.page_path.substr(0, photo.page_path.size() - 5);  // ".html"
    gallery.ids_by_slug.emplace(slug, id->second);
    gallery.slugs_by_id.emplace(id->second, slug);
  }
  gallery.shown = album.photos;
  site::PageRenderer renderer(settings, theme);
  auto index = renderer.album_page(album, {});
  if (!index) return tl::unexpected(index.error());
  gallery.pages["index.html"] = std::move(*index);
  const std::vector<site::Crumb> trail = {{album.title, album.page_path}};
  for (std::size_t i = 0; i < album.photos.size(); ++i) {
    auto page = renderer.photo_page(album, i, trail);
    if (!page) return tl::unexpected(page.error());
    gallery.pages[album.photos[i].page_path] = std::move(*page);
  }
  return gallery;
}

Result<std::string> password_page(const catalogue::Share& share, const ShareLook& look,
                                  const site::Theme& theme, bool wrong) {
  const auto settings = share_site_settings(share, {}, look);
  site::PageRenderer renderer(settings, theme);
  site::TemplateData body;
  body.set("title", share_title(share));
  body.set("wrong", wrong);
  return renderer.page("password.mustache", "index.html", share_title(share), std::move(body), {});
}

}  // namespace vern::server
