#pragma once

#include <filesystem>
#include <functional>
#include <vector>

#include "catalogue/catalogue.h"
#include "core/result.h"
#include "imaging/libvips.h"
#include "scan/source_tree.h"

namespace vern::archive {

struct IndexOptions {
  std::vector<std::filesystem::path> roots;  // folders to index
  bool prune = false;        // forget photos no longer found, instead of marking them missing
  int jobs = 0;              // workers reading photos; 0: one more than there are cores
  long long max_pixels = 0;  // larger photos are refused from their header
  // Folders never descended into (a site being built inside the photo folder).
  std::vector<std::filesystem::path> excluded;
  // Which file of a RAW+JPEG pair the catalogue records the photo under (the build's --prefer).
  scan::PairPreference prefer = scan::PairPreference::kJpeg;
  // Called once with the number of photos found, before any is read, then once per photo
  // considered, from any thread (they drive a progress display).
  std::function<void(int)> on_start;
  std::function<void()> on_photo;
};

struct IndexReport {
  int found = 0;        // photos under the roots
  int fresh = 0;        // recorded for the first time
  int changed = 0;      // re-read: size or mtime differed, or the record lacked its hash
  int unchanged = 0;    // vouched for by the catalogue, not opened
  int moved = 0;        // a known photo found under a new path (same content)
  int found_again = 0;  // had been marked missing
  int missing = 0;      // newly marked missing
  int forgotten = 0;    // removed from the catalogue (--prune)
  int failed = 0;       // could not be recorded; see problems
  int hashed_from_thumbnail = 0, hashed_from_pixels = 0;
  std::vector<Error> problems;  // skipped files and folders, each with its reason
  std::vector<Error> warnings;  // recorded, but something was wrong
};

// Brings the catalogue up to date with the photos under options.roots, like `build` does for a
// site: files the catalogue knows unchanged (size and mtime) are not opened; others are read once
// for their content hash, header, metadata and perceptual hash. A new path whose content the
// catalogue knows under a path that is gone is the same photo moved, and keeps its identity.
// Photos under the roots that are no longer found are marked missing (or forgotten with
// prune); photos elsewhere are never touched, so an unplugged disk loses nothing.
// Writes go to the catalogue in batches, each one transaction, so an interrupted run keeps what
// it did and readers always see a consistent catalogue.
// Photos are decoded with `libvips` only when libjpeg cannot read them (see libvips.h).
// Fails when a root is not a readable folder or the catalogue cannot be written.
[[nodiscard]] Result<IndexReport> index_photos(const IndexOptions& options,
                                               const imaging::Libvips& libvips,
                                               catalogue::Catalogue& catalogue);

}  // namespace vern::archive
