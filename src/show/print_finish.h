#pragma once

#include <optional>
#include <string>

#include "core/result.h"

namespace vern::show {

// Where the trim and the bleed lie within each page of a PDF that has bleed, in points from the
// page's edges.
struct PrintBoxes {
  double trim_inset = 0;   // from the page's edge to the trim
  double bleed_inset = 0;  // from the page's edge to the bleed's outer edge
};

// Finishes a PDF made by Cairo for print, which Cairo cannot do itself: an sRGB output intent
// (the ICC profile from Little CMS; everything in the document is sRGB, the pictures included),
// and, with `boxes`, every page's TrimBox and BleedBox, so that a print shop's software trims
// where the crop marks say. Done with libqpdf; the content is not touched.
[[nodiscard]] Result<std::string> finish_for_print(const std::string& pdf,
                                                   const std::optional<PrintBoxes>& boxes);

}  // namespace vern::show
