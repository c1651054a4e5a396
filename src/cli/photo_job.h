#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "cli/build_options.h"
#include "core/derivative.h"
#include "core/photo_metadata.h"
#include "core/result.h"
#include "scan/source_tree.h"

namespace vern::cli {

// The outcome of publishing one photo.
struct PublishedPhoto {
  std::string content_hash;
  PhotoMetadata metadata;  // as read; the privacy policy is applied when pages are made
  int width = 0;           // as displayed
  int height = 0;
  std::vector<Derivative> derivatives;
  std::optional<std::string> original_path;  // site-relative, with --include-originals
  std::string thumbhash;
  int files_written = 0;
  bool decoded = false;  // false when every derivative already existed
  bool read = false;     // false when the catalogue vouched for the unchanged file
  std::vector<std::string> warnings;  // published, but something was wrong (named in messages)
};

// Publishes one photo. When the catalogue knows the file unchanged (same path, size and mtime)
// and every derivative exists, nothing is read. Otherwise the photo is read once, its metadata
// and header come from those bytes, the derivatives the site lacks are rendered (names carry
// their recipe, so an existing file is always current), and the catalogue is updated.
// Fails when the photo cannot be published at all; the error names the file and the reason.
[[nodiscard]] Result<PublishedPhoto> publish_photo(const scan::SourceFile& source,
                                                   const BuildOptions& options,
                                                   catalogue::Catalogue& catalogue);

}  // namespace vern::cli
