#pragma once

namespace vern::cli {

// Exit codes scripts can rely on (documented in --help and README).
inline constexpr int kExitOk = 0;  // everything done
inline constexpr int kExitSomeSkipped =
    1;                                // finished, but some inputs were skipped (named on stderr)
inline constexpr int kExitFatal = 2;  // usage error or nothing could be done
// search and duplicates, like grep: 0 when something was listed, 1 when nothing matched.
inline constexpr int kExitNothingFound = 1;

// The exit codes in words, for --help.
inline constexpr const char* kExitCodeHelp =
    "Exit codes: 0 all good; 1 finished, but some inputs were skipped (each named on stderr with "
    "the reason); 2 usage or fatal error.";

}  // namespace vern::cli
