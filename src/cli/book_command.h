#pragma once

#include "cli/command.h"

namespace vern::cli {

// `vernissage book PHOTOS -o catalogue.pdf`: the printed exhibition catalogue. Exit code 0 when
// written, 1 when some photos were left out (named), 2 on error.
Command add_book_command(CLI::App& app);

}  // namespace vern::cli
