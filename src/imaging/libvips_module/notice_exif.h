#pragma once

#include <string>

#include "imaging/derivative_plan.h"

namespace vern::imaging::libvips_module {

// A complete APP1 EXIF payload ("Exif\0\0" + TIFF structure) holding only Artist and Copyright
// from `notice` and ColorSpace = sRGB, encoded by exiv2. libvips embeds it as is in JPEG, WebP and
// AVIF output.
std::string notice_exif_block(const EmbeddedNotice& notice);

}  // namespace vern::imaging::libvips_module
