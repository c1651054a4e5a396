#pragma once

#include <span>

#include "core/result.h"

namespace vern::imaging::detail {

// A JPEG's header as libvips' jpegload reports it, without building a libvips image: the size
// as stored (libjpeg's, from the frame header) and the orientation in IFD0 of its EXIF block
// (libexif's; 1 when outside 1..8, as libvips 8.14 reads it, so that the renderer's autorot and
// this agree: tested on 1,950 damaged copies of test photos).
// 0.06 ms per photo against 0.2 to 0.3 ms for libvips' header read, most of which went into
// making the image object and copying every metadata block onto it.
struct JpegHeader {
  int stored_width = 0;
  int stored_height = 0;
  int orientation = 1;
};

// Fails with kCorrupt, giving libjpeg's reason, when the header cannot be read.
[[nodiscard]] Result<JpegHeader> read_jpeg_header(std::span<const unsigned char> bytes);

}  // namespace vern::imaging::detail
