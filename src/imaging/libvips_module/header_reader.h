#pragma once

#include <span>
#include <string>

#include "core/result.h"
#include "imaging/image_header.h"

namespace vern::imaging::libvips_module {

// The header of an image in memory as libvips' loader for its format reads it, without decoding
// pixels: size as displayed, orientation, loader operation name. Fails with kUnsupported when no
// loader accepts the bytes, and with kCorrupt when the chosen one cannot read them.
[[nodiscard]] Result<ImageHeader> read_header_with_libvips(std::span<const unsigned char> bytes,
                                                           const std::string& path);

}  // namespace vern::imaging::libvips_module
