#include "imaging/renderer.h"

#include "imaging/detail/libvips_functions.h"

namespace vern::imaging {

Result<RenderReport> render_derivatives(
    const Libvips& libvips, std::span<const unsigned char> bytes, const std::string& path,
    int original_long_edge, const std::vector<Derivative>& wanted,
    const std::filesystem::path& site_root, const ImagingSettings& settings,
    const EmbeddedNotice& notice, const Derivative* decode_as, const PictureReading& reading) {
  const auto functions = libvips.functions();
  if (!functions) return fail(functions.error().code, functions.error().describe(), path);
  return (*functions)
      ->render_derivatives(bytes, path, original_long_edge, wanted, site_root, settings, notice,
                           decode_as, reading);
}

}  // namespace vern::imaging
