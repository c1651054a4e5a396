#pragma once

namespace vern::cli {

// Exit codes scripts can rely on (documented in --help and README).
inline constexpr int kExitOk = 0;            // everything done
inline constexpr int kExitSomeSkipped = 1;   // finished, but some inputs were skipped (named on stderr)
inline constexpr int kExitFatal = 2;         // usage error or nothing could be done

}  // namespace vern::cli
