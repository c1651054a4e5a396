#pragma once

#include <span>
#include <vector>

namespace vern::metadata::detail {

// The JPEG thumbnail Photoshop and Lightroom embed in a JPEG's APP13 segment (image resource
// 0x040C), or empty when there is none or it cannot be trusted. Exports from Adobe's tools carry
// no EXIF thumbnail, so without this the archive decoded their megapixels for the similarity hash.
[[nodiscard]] std::vector<unsigned char> photoshop_thumbnail(std::span<const unsigned char> jpeg);

}  // namespace vern::metadata::detail
