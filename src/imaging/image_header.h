#pragma once

#include <span>
#include <string>

#include "core/result.h"
#include "imaging/libvips.h"

namespace vern::imaging {

// What the decoder learns from a file's header without decoding pixels.
struct ImageHeader {
  int width = 0;   // as displayed, after orientation
  int height = 0;  // as displayed, after orientation
  int orientation = 1;
  std::string loader;  // libvips loader, e.g. "jpegload_buffer"
};

// Reads the header of an image in memory: a JPEG's with libjpeg and libexif, as libvips would
// read it, any other format's with `libvips` (loaded then if it was not yet). Fails with
// kUnsupported when no decoder here accepts the bytes, and with kTooLarge when width × height
// exceeds `max_pixels`, before any pixel memory is allocated (decompression bombs declare absurd
// sizes in a few bytes).
[[nodiscard]] Result<ImageHeader> read_header(std::span<const unsigned char> bytes,
                                              const std::string& path, long long max_pixels,
                                              const Libvips& libvips);

}  // namespace vern::imaging
