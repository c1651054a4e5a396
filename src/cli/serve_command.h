#pragma once

#include "cli/command.h"

namespace vern::cli {

// `vernissage serve`: the share links of the catalogue (and, with --site, a built site) over
// HTTP, until SIGINT or SIGTERM.
Command add_serve_command(CLI::App& app);

}  // namespace vern::cli
