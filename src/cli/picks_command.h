#pragma once

#include "cli/command.h"

namespace vern::cli {

// `vernissage picks [SHARE] [--json|--csv]` and `vernissage picks export SHARE --format
// csv|lightroom|xmp`: what recipients picked, rejected, rated and said, back in the
// photographer's tools.
Command add_picks_command(CLI::App& app);

}  // namespace vern::cli
