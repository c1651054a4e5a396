#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace vern::site {

// What the last build put into a site, kept in the site's marker file (kSiteMarker): the photos
// it published and the files it wrote. The next build compares against it to remove what no
// longer belongs, and touches nothing else. The marker is uploaded with the site (rsync and
// `aws s3 sync` copy dot-files, and most hosts serve them), so it names nothing of the photo
// folder: photos are kept as opaque ids, outputs by their site paths, which the site shows anyway.
struct SiteManifest {
  std::set<std::string> sources;  // source_id() of the photos published
  std::set<std::string> files;    // site-relative paths of every output
  // Content hashes of the pages and assets as written, so that the next build can tell an
  // unchanged page without reading it back.
  std::map<std::string, std::string> page_hashes;
  // page_fingerprint.h's album fingerprints, by album page path.
  std::map<std::string, std::string> album_fingerprints;
};

// The id a photo is kept under in the manifest: a hash of its path relative to the photo root,
// which tells a reader of the site nothing of the photographer's file and folder names.
std::string source_id(std::string_view relative_path);

// Reads the manifest of `site_root`; an absent or unreadable one (a marker from an older version,
// a first build) reads as empty.
SiteManifest read_manifest(const std::filesystem::path& site_root);

// Writes the manifest atomically, and only when its bytes change: a build with nothing to do
// writes no file at all.
[[nodiscard]] Result<void> write_manifest(const std::filesystem::path& site_root,
                                          const SiteManifest& manifest);

// Outputs of earlier builds that this build did not produce: files the last manifest lists, and
// any file in the folders Vernissage alone writes (media/, assets/, originals/), including
// temporary files left by an interrupted build. Sorted; `expected` are this build's outputs.
std::vector<std::string> stale_outputs(const std::filesystem::path& site_root,
                                       const SiteManifest& previous,
                                       const std::set<std::string>& expected);

// Deletes the given site-relative files and then every folder left empty by that under
// site_root. Returns how many files were removed.
int remove_outputs(const std::filesystem::path& site_root, const std::vector<std::string>& files);

}  // namespace vern::site
