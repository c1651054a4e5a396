#pragma once

#include "cli/command.h"

namespace vern::cli {

// `vernissage works PHOTOS [--csv]`: the list of works of the show, for the gallery's price list
// and insurance. Exit code 0 when listed, 1 when some photos were left out (named), 2 on error.
Command add_works_command(CLI::App& app);

}  // namespace vern::cli
