#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/derivative.h"
#include "core/photo_metadata.h"
#include "site/work.h"

namespace vern::site {

// What the build hands to the site stage for one photo that was published.
struct PhotoInput {
  std::string source_path;  // relative to the photo root, for ordering and messages
  std::string file_name;    // the source's own name
  PhotoMetadata metadata;   // already filtered by the privacy policy
  int width = 0;            // as displayed
  int height = 0;
  std::vector<Derivative> derivatives;
  std::optional<std::string> original_path;  // site-relative, when originals are published
  std::string thumbhash;                     // base64 ThumbHash placeholder; empty when unknown
  Work work;                                 // album.toml's facts of it as a work of the show
};

// How an album orders its photos.
enum class PhotoOrder { kTakenAscending, kTakenDescending, kFileName };

// What an album's own settings file (album.toml) says; every field optional.
struct AlbumSettings {
  std::optional<std::string> title;
  std::string description;
  std::optional<std::string> cover;  // a photo's file name in this folder
  PhotoOrder order = PhotoOrder::kTakenAscending;
  bool hidden = false;                // built, but not listed on its parent's page or in the feed
  std::map<std::string, Work> works;  // [photos."NAME"] work fields, by the photo's file name
};

// One folder of the photo tree, with the photos of it that were published.
struct FolderInput {
  std::string name;  // "" for the root
  AlbumSettings settings;
  std::vector<PhotoInput> photos;
  std::vector<FolderInput> children;
};

struct Photo {
  PhotoInput input;
  std::string title;      // the work's title, else the metadata title, else the file name's stem
  std::string page_path;  // site-relative, e.g. "streets/nikon-d90.html"
};

struct Album {
  std::string title;
  std::string description;
  bool hidden = false;
  std::string page_path;      // site-relative: "index.html" for the root, "streets/index.html", ...
  std::vector<Photo> photos;  // in the album's order (default: capture time, undated last)
  std::vector<Album> children;  // in folder name order, hidden ones included
  // The photo that represents the album: the one album.toml names, else its own first photo
  // with at least 480 px on the shorter edge (else its largest), else its first visible child's
  // cover.
  // Points into this tree, so an Album is moved, never copied, once make_gallery() returns.
  const Photo* cover = nullptr;
  std::string cover_file;  // album.toml's choice, resolved into `cover` by make_gallery()
  int photo_count_with_children = 0;
};

// Lays the photo tree out as a site: unique slugs per folder (deterministic, case-insensitively
// unique, never colliding with the site's own names), photo order, covers. Albums that end up
// with no photo anywhere below them are dropped.
Album make_gallery(FolderInput root, const std::string& site_title);

// The album's folder within the site ("" for the root, else "a/b/").
std::string album_folder(const Album& album);

// The photo published from `source_path` (relative to the photo root, "streets/x.jpg"), anywhere
// in the gallery; nullptr when there is none.
const Photo* find_photo(const Album& gallery, std::string_view source_path);

// The home page's large photo: the one `chosen` names (a SiteSettings::cover) when it was
// published, else the gallery's cover; nullptr for a gallery without a photo.
const Photo* home_cover(const Album& gallery, std::string_view chosen);

}  // namespace vern::site
