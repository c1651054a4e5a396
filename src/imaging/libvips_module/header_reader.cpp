#include "imaging/libvips_module/header_reader.h"

#include <utility>
#include <vips/vips8>

#include "imaging/libvips_module/vips_error.h"

namespace vern::imaging::libvips_module {

Result<ImageHeader> read_header_with_libvips(std::span<const unsigned char> bytes,
                                             const std::string& path) {
  const char* loader = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
  if (loader == nullptr) {
    vips_error_clear();
    return fail(ErrorCode::kUnsupported, "no decoder for this file's format", path);
  }
  try {
    // Loading from a buffer is lazy: only the header is parsed here.
    const vips::VImage image = vips::VImage::new_from_buffer(
        bytes.data(), bytes.size(), "",
        vips::VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL));
    ImageHeader header;
    // libvips names the loader by its class ("VipsForeignLoadHeifBuffer"); the header gives the
    // operation's name ("heifload_buffer"), as the JPEG path does.
    const char* nickname = vips_nickname_find(g_type_from_name(loader));
    header.loader = nickname != nullptr ? nickname : loader;
    header.width = image.width();
    header.height = image.height();
    if (image.get_typeof(VIPS_META_ORIENTATION) != 0) {
      const int orientation = image.get_int(VIPS_META_ORIENTATION);
      if (orientation >= 1 && orientation <= 8) header.orientation = orientation;
    }
    if (header.orientation >= 5) std::swap(header.width, header.height);
    return header;
  } catch (const vips::VError& e) {
    return fail(ErrorCode::kCorrupt, "cannot read image header: " + describe(e), path);
  }
}

}  // namespace vern::imaging::libvips_module
