#pragma once

#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "core/logger.h"
#include "core/result.h"
#include "publish/build_options.h"
#include "publish/photo_job.h"
#include "scan/source_tree.h"
#include "site/gallery.h"

namespace vern::publish {

// A photo's picture and metadata as the caller has them (a build: its published images; the
// exhibition plan: the catalogue's record), or nullopt to leave the photo out.
using PhotoInputOf = std::function<std::optional<site::PhotoInput>(const scan::SourceFile&)>;

// The scanned tree in the shape the site stage takes, with what the photographer wrote beside
// the photos: album.toml (its settings, and each photo's facts as a work), and caption sidecars.
// The privacy policy is applied to the metadata here. Problems with an album.toml are logged and
// added to `problems`, and the album's defaults used.
site::FolderInput gallery_input(const BuildOptions& options, const scan::Folder& folder,
                                const PhotoInputOf& photo_of, Logger& logger,
                                std::vector<Error>& problems);

// What each album.toml decides about the making of its photos' images (orientation, RAW
// development), for every photo under `root`; an album.toml that cannot be read decides nothing
// (gallery_input() reports it).
std::map<const scan::SourceFile*, PhotoChoices> photo_choices(const BuildOptions& options,
                                                              const scan::Folder& root);

}  // namespace vern::publish
