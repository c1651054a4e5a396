#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/logger.h"

namespace vern::cli {

struct DuplicatesCommand {
  std::filesystem::path catalogue;
  bool json = false;
  int threshold = 0;
  std::vector<std::string> under;  // only groups with a photo under one of these folders
};

// `vernissage duplicates`: exit code 0 when groups were found, 1 when none, 2 on error.
int run_duplicates(const DuplicatesCommand& command, Logger& logger);

Command add_duplicates_command(CLI::App& app);

}  // namespace vern::cli
