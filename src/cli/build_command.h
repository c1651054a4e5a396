#pragma once

#include "cli/command.h"
#include "core/logger.h"
#include "imaging/libvips.h"
#include "publish/build_options.h"

namespace vern::cli {

// `vernissage build PHOTOS -o SITE`: publish::build_site with a progress display, then the
// summary and the inputs skipped. Returns an exit code from exit_codes.h.
int run_build(const publish::BuildOptions& options, const imaging::Libvips& libvips,
              Logger& logger);

Command add_build_command(CLI::App& app);

}  // namespace vern::cli
