#pragma once

#include <filesystem>

#include "core/result.h"

namespace vern::metadata {

// Removes from an image file, in place, the metadata that identifies where it was taken (EXIF
// GPS IFD, XMP exif:GPS*) unless `keep_location`, and always every serial number (camera body,
// lens, maker-note serials) from EXIF and XMP. Meant for copies of originals in a published site,
// never for the originals themselves.
[[nodiscard]] Result<void> strip_private_fields(const std::filesystem::path& file,
                                                bool keep_location);

}  // namespace vern::metadata
