#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/logger.h"
#include "imaging/libvips.h"

namespace vern::cli {

struct IndexCommand {
  std::vector<std::string> roots;
  std::filesystem::path catalogue;
  bool prune = false;
  int jobs = 0;
  long long max_pixels = 0;
};

// `vernissage index PHOTOS...`: records every photo under the folders in the catalogue.
// Exit code 0, 1 when some files were skipped (each named), 2 when nothing could be done.
int run_index(const IndexCommand& command, const imaging::Libvips& libvips, Logger& logger);

enum class SearchOutput { kTable, kJson, kPaths };

struct SearchCommand {
  std::string query;
  std::filesystem::path catalogue;
  SearchOutput output = SearchOutput::kTable;
  int limit = 0;
  std::string sort;  // empty: relevance
  bool reverse = false;
};

// `vernissage search QUERY`: exit code 0 when photos matched, 1 when none, 2 on a bad query or
// catalogue.
int run_search(const SearchCommand& command, Logger& logger);

struct DuplicatesCommand {
  std::filesystem::path catalogue;
  bool json = false;
  int threshold = 0;
  std::vector<std::string> under;  // only groups with a photo under one of these folders
};

// `vernissage duplicates`: exit code 0 when groups were found, 1 when none, 2 on error.
int run_duplicates(const DuplicatesCommand& command, Logger& logger);

}  // namespace vern::cli
