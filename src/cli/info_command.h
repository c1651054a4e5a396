#pragma once

#include <string>
#include <vector>

#include "cli/command.h"
#include "core/logger.h"
#include "imaging/libvips.h"

namespace vern::cli {

// `vernissage info FILE... [--json]`: what Vernissage reads from each file. Returns an exit code.
int run_info(const std::vector<std::string>& files, bool json, const imaging::Libvips& libvips,
             Logger& logger);

Command add_info_command(CLI::App& app);

}  // namespace vern::cli
