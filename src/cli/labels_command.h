#pragma once

#include "cli/command.h"

namespace vern::cli {

// `vernissage labels PHOTOS -o labels.pdf`: a wall label (cartel) per work, on A4 sheets with
// cut marks, or one per page at the label's size with --label. Exit code 0 when written, 1 when
// some photos were left out (named), 2 on error.
Command add_labels_command(CLI::App& app);

}  // namespace vern::cli
