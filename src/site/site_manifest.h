#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"

namespace vern::site {

// What the last build put into a site, kept in the site's marker file (kSiteMarker): the photos
// it published and the files it wrote. The next build compares against it to remove what no
// longer belongs, and touches nothing else.
struct SiteManifest {
  std::set<std::string> sources;  // photo paths relative to the photo root
  std::set<std::string> files;    // site-relative paths of every output
  // Content hashes of the pages and assets as written, so that the next build can tell an
  // unchanged page without reading it back.
  std::map<std::string, std::string> page_hashes;
  // page_fingerprint.h's album fingerprints, by album page path.
  std::map<std::string, std::string> album_fingerprints;
};

// Reads the manifest of `site_root`; an absent or unreadable one (a marker from an older version,
// a first build) reads as empty.
SiteManifest read_manifest(const std::filesystem::path& site_root);

// Writes the manifest atomically.
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
