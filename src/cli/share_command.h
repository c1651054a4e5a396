#pragma once

#include "cli/command.h"

namespace vern::cli {

// `vernissage share create|list|revoke|extend|rotate`: private links to a selection of photos,
// kept in the catalogue (the server that opens them is `vernissage serve`).
Command add_share_command(CLI::App& app);

}  // namespace vern::cli
