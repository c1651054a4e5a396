#pragma once

#include <filesystem>
#include <optional>

#include "core/logger.h"
#include "imaging/derivative_plan.h"
#include "publish/shard.h"
#include "scan/source_tree.h"
#include "site/site_settings.h"

namespace vern::publish {

// Everything `vernissage build` was asked to do, after vernissage.toml and flags were merged
// (flags win).
struct BuildOptions {
  std::filesystem::path photos;
  std::filesystem::path output;
  // A folder shaped like `photos` holding the photographer's words (vernissage.toml at its top,
  // album.toml and caption files in album folders), which win over the same files in `photos`.
  std::optional<std::filesystem::path> texts;
  std::optional<std::filesystem::path> theme;
  std::filesystem::path catalogue;                         // SQLite catalogue of photo facts
  std::optional<std::filesystem::path> catalogue_setting;  // [catalogue] path of vernissage.toml
  std::string select;  // a search query: publish only the photos it matches
  site::SiteSettings site;
  imaging::ImagingSettings imaging;
  // Which file of a RAW+JPEG pair is published (`--prefer`; prefer = "..." in vernissage.toml).
  scan::PairPreference prefer = scan::PairPreference::kJpeg;
  // A part of a build spread over processes (`--shard I/N`): this part's images only, no pages;
  // or the assembly of all parts (`--assemble`): pages, feeds and manifest, no image made.
  std::optional<Shard> shard;
  bool assemble = false;
  bool include_originals = false;
  bool force = false;
  bool dry_run = false;     // say what would be done, write nothing
  bool keep_stale = false;  // leave outputs of sources or settings that are gone
  int jobs = 0;             // 0: one per core
  Verbosity verbosity = Verbosity::kNormal;
};

}  // namespace vern::publish
