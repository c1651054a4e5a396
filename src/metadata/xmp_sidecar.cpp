#include "metadata/xmp_sidecar.h"

#include <exiv2/exiv2.hpp>

#include "metadata/library_setup.h"

namespace vern::metadata {

Result<std::string> xmp_sidecar(const SidecarMarks& marks) {
  try {
    Exiv2::XmpData xmp;
    if (marks.rating) xmp["Xmp.xmp.Rating"] = *marks.rating;
    if (marks.label) xmp["Xmp.xmp.Label"] = *marks.label;
    std::string packet;
    {
      // The XMP toolkit is not thread-safe (library_setup.h).
      const auto lock = hold_xmp_toolkit();
      if (Exiv2::XmpParser::encode(packet, xmp, Exiv2::XmpParser::useCompactFormat) != 0) {
        return fail(ErrorCode::kInternal, "exiv2 could not write the XMP packet");
      }
    }
    return packet;
  } catch (const Exiv2::AnyError& e) {
    return fail(ErrorCode::kInternal, std::string("exiv2: ") + e.what());
  }
}

}  // namespace vern::metadata
