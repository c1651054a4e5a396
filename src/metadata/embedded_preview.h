#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace vern::metadata {

// The largest JPEG preview a file embeds, as exiv2 finds it (in a camera RAW's IFDs, maker
// notes or CR3 boxes), with its size as stored.
struct EmbeddedPreview {
  std::vector<unsigned char> jpeg;
  int width = 0;
  int height = 0;
};

// What stands in for a camera RAW that LibRaw cannot read (a CR3 from a camera LibRaw 0.20 does
// not know, a file cut down to its metadata): the camera's own rendering. Fails with kUnsupported
// when the file embeds no JPEG preview.
[[nodiscard]] Result<EmbeddedPreview> largest_jpeg_preview(std::span<const unsigned char> bytes,
                                                           const std::string& path);

}  // namespace vern::metadata
