#pragma once

#include <filesystem>
#include <string>

#include "catalogue/catalogue.h"
#include "core/result.h"
#include "imaging/libvips.h"
#include "publish/exhibition.h"

namespace vern::publish {

// A photo's picture for print: a JPEG made by the same renderer as the site's images (same
// orientation, colour conversion to sRGB, notice), at a quality for print.
struct PrintImage {
  std::string jpeg;  // the file's bytes, to be embedded as they are
  int width = 0, height = 0;
};

// The JPEG quality of pictures for print.
inline constexpr int kPrintJpegQuality = 92;

// Renders (or finds already rendered, by recipe, in `cache`) the picture of the exhibition's
// photo at `source_path` with `long_edge` pixels on its long edge, or its own size when smaller.
[[nodiscard]] Result<PrintImage> print_image(const Exhibition& exhibition,
                                             const std::string& source_path, int long_edge,
                                             const std::filesystem::path& cache,
                                             const imaging::Libvips& libvips,
                                             catalogue::Catalogue& catalogue);

}  // namespace vern::publish
