#pragma once

namespace vern::cli {

// Parses the command line and runs the subcommand. Returns the process exit code: 0 all good,
// 1 finished but some inputs were skipped, 2 usage or fatal error.
int run(int argc, char** argv);

}  // namespace vern::cli
