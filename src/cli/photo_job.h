#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli/build_options.h"
#include "core/derivative.h"
#include "core/photo_metadata.h"
#include "core/result.h"

namespace vern::cli {

// The outcome of publishing one photo.
struct PublishedPhoto {
  std::string content_hash;
  PhotoMetadata metadata;  // as read; the privacy policy is applied when pages are made
  int width = 0;           // as displayed
  int height = 0;
  std::vector<Derivative> derivatives;
  std::optional<std::string> original_path;  // site-relative, with --include-originals
  int files_written = 0;
  bool decoded = false;  // false when every derivative already existed
  std::vector<std::string> warnings;  // published, but something was wrong (named in messages)
};

// Reads the photo once, reads its metadata and header from those bytes, and renders the
// derivatives the site lacks (names carry their recipe, so an existing file is always current).
// Fails when the photo cannot be published at all; the error names the file and the reason.
[[nodiscard]] Result<PublishedPhoto> publish_photo(const std::filesystem::path& source,
                                                   const std::string& relative_path,
                                                   const BuildOptions& options);

}  // namespace vern::cli
