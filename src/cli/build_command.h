#pragma once

#include "cli/build_options.h"
#include "core/logger.h"
#include "imaging/libvips.h"

namespace vern::cli {

// `vernissage build PHOTOS -o SITE`: scan, publish every photo (in parallel), write the pages.
// Returns an exit code from exit_codes.h.
int run_build(const BuildOptions& options, const imaging::Libvips& libvips, Logger& logger);

}  // namespace vern::cli
