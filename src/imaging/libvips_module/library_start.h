#pragma once

#include "core/result.h"

namespace vern::imaging::libvips_module {

// Starts libvips with the loaders photos need, without its operation cache or its GLib chatter
// on stderr. `threads_per_image` > 0 bounds libvips' worker pool per image.
[[nodiscard]] Result<void> start_libvips(const char* program, int threads_per_image);

// Shuts libvips down at the end of the process.
void stop_libvips();

}  // namespace vern::imaging::libvips_module
