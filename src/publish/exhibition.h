#pragma once

#include <map>
#include <string>
#include <vector>

#include "catalogue/photo_record.h"
#include "core/logger.h"
#include "core/result.h"
#include "imaging/libvips.h"
#include "publish/build_options.h"
#include "publish/photo_job.h"
#include "scan/source_tree.h"
#include "site/gallery.h"

namespace vern::publish {

// The show as the site shows it, without making an image: the albums of options.photos (or
// the photos options.select picks), each photo with the metadata, caption, title, order and
// facts as a work that its page would have. What `vernissage works` lists, and what the printed
// catalogue and wall labels are made from, so that the show, the book and the website agree.
struct Exhibition {
  site::Album gallery;          // make_gallery()'s tree; photos without images
  std::vector<Error> problems;  // photos and album files left out, each with its reason
  // Each photo's file and the catalogue's record of it, by site::PhotoInput::source_path: what
  // rendering its images for print takes.
  std::map<std::string, scan::SourceFile> sources;
  std::map<std::string, catalogue::PhotoRecord> records;
  std::map<std::string, PhotoChoices> choices;  // album.toml's orientation and RAW choices
};

// Brings the catalogue up to date for the photos (as `vernissage index` does: photos it knows
// unchanged are not opened) and lays them out. Fails when the photos or the catalogue cannot be
// read, or the selection does not parse.
[[nodiscard]] Result<Exhibition> plan_exhibition(const BuildOptions& options,
                                                 const imaging::Libvips& libvips, Logger& logger);

}  // namespace vern::publish
