#include "site/gallery.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "site/slug.h"

namespace vern::site {
namespace {

std::string stem_of(const std::string& file_name) {
  const auto dot = file_name.find_last_of('.');
  return (dot == std::string::npos || dot == 0) ? file_name : file_name.substr(0, dot);
}

// Folder names are often written for the file system ("paris_2019", "streets"); show them as a
// title with spaces and a capital letter, leaving names that already have capitals alone.
std::string title_from_folder(const std::string& name) {
  std::string title = name;
  std::replace(title.begin(), title.end(), '_', ' ');
  const bool has_upper =
      std::any_of(title.begin(), title.end(), [](unsigned char c) { return std::isupper(c) != 0; });
  if (!has_upper && !title.empty() && std::islower(static_cast<unsigned char>(title[0]))) {
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
  }
  return title;
}

void sort_photos(std::vector<Photo>& photos, PhotoOrder order) {
  const auto by_name = [](const Photo& a, const Photo& b) {
    return a.input.source_path < b.input.source_path;
  };
  if (order == PhotoOrder::kFileName) {
    std::sort(photos.begin(), photos.end(), by_name);
    return;
  }
  const bool newest_first = order == PhotoOrder::kTakenDescending;
  std::sort(photos.begin(), photos.end(), [&](const Photo& a, const Photo& b) {
    const auto& ta = a.input.metadata.taken_at;
    const auto& tb = b.input.metadata.taken_at;
    if (ta.has_value() != tb.has_value()) return ta.has_value();  // undated last
    if (ta && tb && *ta != *tb) return newest_first ? *ta > *tb : *ta < *tb;
    return by_name(a, b);
  });
}

Album lay_out(FolderInput folder, const std::string& folder_path, const std::string& title) {
  Album album;
  album.title = folder.settings.title.value_or(title);
  album.description = folder.settings.description;
  album.hidden = folder.settings.hidden;
  album.page_path = folder_path + "index.html";

  // Photo pages and sub-album folders share this folder; "index" is the album page itself, and
  // at the root "media", "assets" and "originals" hold the site's files and "about" is the
  // photographer's page.
  SlugRegistry slugs;
  slugs.reserve("index");
  slugs.reserve("404");
  if (folder_path.empty()) {
    for (const char* name : {"media", "assets", "originals", "sitemap", "feed", "about"})
      slugs.reserve(name);
  }

  for (auto& child : folder.children) {
    const std::string slug = slugs.claim(slugify(child.name, "album"));
    const std::string child_title = title_from_folder(child.name);
    Album sub = lay_out(std::move(child), folder_path + slug + "/", child_title);
    const bool has_photos = sub.photo_count_with_children > 0 || !sub.children.empty();
    if (has_photos) album.children.push_back(std::move(sub));
  }

  for (auto& input : folder.photos) {
    Photo photo;
    photo.title =
        input.work.title.value_or(input.metadata.title.value_or(stem_of(input.file_name)));
    photo.input = std::move(input);
    album.photos.push_back(std::move(photo));
  }
  sort_photos(album.photos, folder.settings.order);
  album.cover_file = folder.settings.cover.value_or("");
  // Slugs are claimed in display order so that the first of two same-named photos keeps the
  // plain name.
  for (auto& photo : album.photos) {
    photo.page_path =
        folder_path + slugs.claim(slugify(stem_of(photo.input.file_name), "photo")) + ".html";
  }

  album.photo_count_with_children = static_cast<int>(album.photos.size());
  for (const auto& child : album.children) {
    if (!child.hidden) album.photo_count_with_children += child.photo_count_with_children;
  }
  return album;
}

// A cover is a card on the parent album's page, a third of a desktop window or a phone's whole
// width, at twice the pixel density or more: a photo with a shorter edge than this looks blurred
// there (a 100 px test photo was blown up to fill one).
constexpr int kCoverMinEdge = 480;

// The first photo, in the album's order, with enough pixels for a cover; else the one with the
// most pixels (the first of equals).
const Photo* default_cover(const std::vector<Photo>& photos) {
  const auto pixels = [](const Photo& p) {
    return static_cast<long long>(p.input.width) * p.input.height;
  };
  const Photo* largest = nullptr;
  for (const auto& photo : photos) {
    if (std::min(photo.input.width, photo.input.height) >= kCoverMinEdge) return &photo;
    if (largest == nullptr || pixels(photo) > pixels(*largest)) largest = &photo;
  }
  return largest;
}

// Covers point into the vectors of the finished tree, so they are set once it no longer moves.
void set_covers(Album& album) {
  for (auto& child : album.children) set_covers(child);
  for (const auto& photo : album.photos) {
    if (!album.cover_file.empty() && photo.input.file_name == album.cover_file)
      album.cover = &photo;
  }
  if (album.cover != nullptr) return;
  if (!album.photos.empty()) {
    album.cover = default_cover(album.photos);
    return;
  }
  for (const auto& child : album.children) {
    if (!child.hidden && child.cover != nullptr) {
      album.cover = child.cover;
      return;
    }
  }
}

}  // namespace

Album make_gallery(FolderInput root, const std::string& site_title) {
  Album gallery = lay_out(std::move(root), "", site_title);
  set_covers(gallery);
  return gallery;
}

std::string album_folder(const Album& album) {
  return album.page_path.substr(0, album.page_path.size() - std::string("index.html").size());
}

const Photo* find_photo(const Album& gallery, std::string_view source_path) {
  for (const auto& photo : gallery.photos) {
    if (photo.input.source_path == source_path) return &photo;
  }
  for (const auto& child : gallery.children) {
    if (const Photo* found = find_photo(child, source_path)) return found;
  }
  return nullptr;
}

const Photo* home_cover(const Album& gallery, std::string_view chosen) {
  const Photo* photo = chosen.empty() ? nullptr : find_photo(gallery, chosen);
  return photo != nullptr ? photo : gallery.cover;
}

}  // namespace vern::site
