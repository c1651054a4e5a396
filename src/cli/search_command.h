#pragma once

#include <filesystem>
#include <string>

#include "cli/command.h"
#include "core/logger.h"

namespace vern::cli {

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

Command add_search_command(CLI::App& app);

}  // namespace vern::cli
