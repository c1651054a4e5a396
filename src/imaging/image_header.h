#pragma once

#include <span>
#include <string>

#include "core/photo_metadata.h"
#include "core/result.h"
#include "imaging/libvips.h"

namespace vern::imaging {

// What the decoder learns from a file's header without decoding pixels.
struct ImageHeader {
  int width = 0;   // as displayed, after orientation
  int height = 0;  // as displayed, after orientation
  int orientation = 1;
  std::string loader;  // libvips loader, e.g. "jpegload_buffer"; "libraw" for a camera RAW
  // A camera RAW's: what LibRaw reads of the camera, for fields exiv2 leaves empty; and whether
  // the size is the preview's because the sensor data is cut short.
  PhotoMetadata camera_facts;
  bool preview_only = false;
};

// Reads the header of an image in memory: a JPEG's with libjpeg and libexif, as libvips would
// read it, a camera RAW's with LibRaw (photo_format() tells them by content and `path`'s
// extension), any other format's with `libvips` (the module holding both is loaded then if it was
// not yet). Fails with
// kUnsupported when no decoder here accepts the bytes, and with kTooLarge when width × height
// exceeds `max_pixels`, before any pixel memory is allocated (decompression bombs declare absurd
// sizes in a few bytes).
[[nodiscard]] Result<ImageHeader> read_header(std::span<const unsigned char> bytes,
                                              const std::string& path, long long max_pixels,
                                              const Libvips& libvips);

}  // namespace vern::imaging
