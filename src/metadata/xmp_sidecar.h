#pragma once

#include <optional>
#include <string>

#include "core/result.h"

namespace vern::metadata {

// What a sidecar carries of a recipient's marks, in the fields Lightroom, Capture One, Bridge
// and darktable read: xmp:Rating (1..5; -1 is a reject) and xmp:Label (a colour label's name).
struct SidecarMarks {
  std::optional<int> rating;
  std::optional<std::string> label;
};

// The text of an XMP sidecar holding `marks`, serialised by exiv2's XMP toolkit.
[[nodiscard]] Result<std::string> xmp_sidecar(const SidecarMarks& marks);

}  // namespace vern::metadata
