#pragma once

#include <span>

#include "core/result.h"
#include "imaging/detail/grey_picture.h"

namespace vern::imaging::libvips_module {

// The grey levels of the picture in `bytes`, for what libjpeg alone does not decode (formats
// other than JPEG, CMYK and RGB JPEGs, uncompressed EXIF thumbnails). With fit_edge 0 the picture
// is decoded as stored; otherwise thumbnail() shrinks it while decoding to fit
// fit_edge × fit_edge, turns it upright and converts it to sRGB first. Fails with libvips' reason.
[[nodiscard]] Result<detail::GreyPicture> grey_picture(std::span<const unsigned char> bytes,
                                                       int fit_edge);

}  // namespace vern::imaging::libvips_module
