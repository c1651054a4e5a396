#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/derivative.h"
#include "core/photo_metadata.h"

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
};

// One folder of the photo tree, with the photos of it that were published.
struct FolderInput {
  std::string name;  // "" for the root
  std::vector<PhotoInput> photos;
  std::vector<FolderInput> children;
};

struct Photo {
  PhotoInput input;
  std::string title;      // metadata title, else the file name without extension
  std::string page_path;  // site-relative, e.g. "streets/nikon-d90.html"
};

struct Album {
  std::string title;
  std::string page_path;  // site-relative: "index.html" for the root, "streets/index.html", ...
  std::vector<Photo> photos;    // by capture time, undated last, then by source path
  std::vector<Album> children;  // in folder name order
  // The photo that represents the album: its own first photo, else its first child's cover.
  // Points into this tree, so an Album is moved, never copied, once make_gallery() returns.
  const Photo* cover = nullptr;
  int photo_count_with_children = 0;
};

// Lays the photo tree out as a site: unique slugs per folder (deterministic, case-insensitively
// unique, never colliding with the site's own names), photo order, covers. Albums that end up
// with no photo anywhere below them are dropped.
Album make_gallery(FolderInput root, const std::string& site_title);

// The album's folder within the site ("" for the root, else "a/b/").
std::string album_folder(const Album& album);

}  // namespace vern::site
