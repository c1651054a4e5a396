#include "imaging/image_header.h"

#include <vips/vips8>

#include "core/image_format.h"
#include "imaging/detail/jpeg_header.h"
#include "imaging/detail/vips_error.h"

namespace vern::imaging {
namespace {

// The checks every header passes, whichever decoder read it.
Result<ImageHeader> within_limits(ImageHeader header, const std::string& path,
                                  long long max_pixels) {
  if (header.width <= 0 || header.height <= 0) {
    return fail(ErrorCode::kCorrupt, "image header declares no pixels", path);
  }
  if (static_cast<long long>(header.width) * header.height > max_pixels) {
    return fail(ErrorCode::kTooLarge,
                "image declares " + std::to_string(header.width) + "×" +
                    std::to_string(header.height) + " pixels, over the limit of " +
                    std::to_string(max_pixels / 1'000'000) + " megapixels (--max-megapixels)",
                path);
  }
  return header;
}

}  // namespace

Result<ImageHeader> read_header(std::span<const unsigned char> bytes, const std::string& path,
                                long long max_pixels) {
  if (sniff_image_format(bytes) == ImageFormat::kJpeg) {
    // Most photos: read with libjpeg and libexif alone, as libvips would read them.
    auto jpeg = detail::read_jpeg_header(bytes);
    if (!jpeg) {
      return fail(ErrorCode::kCorrupt, "cannot read image header: " + jpeg.error().message, path);
    }
    ImageHeader header;
    header.loader = "jpegload_buffer";
    header.orientation = jpeg->orientation;
    const bool turned = header.orientation >= 5;
    header.width = turned ? jpeg->stored_height : jpeg->stored_width;
    header.height = turned ? jpeg->stored_width : jpeg->stored_height;
    return within_limits(std::move(header), path, max_pixels);
  }
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
    return within_limits(std::move(header), path, max_pixels);
  } catch (const vips::VError& e) {
    return fail(ErrorCode::kCorrupt, "cannot read image header: " + detail::describe(e), path);
  }
}

}  // namespace vern::imaging
