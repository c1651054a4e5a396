#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/logger.h"
#include "imaging/libvips.h"
#include "scan/source_tree.h"

namespace vern::cli {

struct IndexCommand {
  std::vector<std::string> roots;
  std::filesystem::path catalogue;
  bool prune = false;
  int jobs = 0;
  long long max_pixels = 0;
  scan::PairPreference prefer = scan::PairPreference::kJpeg;  // a RAW+JPEG pair's recorded file
};

// `vernissage index PHOTOS...`: records every photo under the folders in the catalogue.
// Exit code 0, 1 when some files were skipped (each named), 2 when nothing could be done.
int run_index(const IndexCommand& command, const imaging::Libvips& libvips, Logger& logger);

Command add_index_command(CLI::App& app);

}  // namespace vern::cli
