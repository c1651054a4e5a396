#pragma once

#include <string>

#include "cli/command.h"
#include "core/logger.h"

namespace vern::cli {

// `vernissage catalogue copy FROM TO`: moves a catalogue between backends (a SQLite file, a
// postgresql:// database) without indexing again. Exit code 0 when copied and counted, 2 on
// error.
int run_catalogue_copy(const std::string& from, const std::string& to, Logger& logger);

Command add_catalogue_command(CLI::App& app);

}  // namespace vern::cli
