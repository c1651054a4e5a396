#include "imaging/image_header.h"

#include "core/image_format.h"
#include "imaging/detail/jpeg_header.h"
#include "imaging/detail/libvips_functions.h"

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
                                long long max_pixels, const Libvips& libvips) {
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
  const auto functions = libvips.functions();
  if (!functions) return fail(functions.error().code, functions.error().describe(), path);
  const bool camera_raw = photo_format(bytes, path) == ImageFormat::kRaw;
  auto header = camera_raw ? (*functions)->read_raw_header(bytes, path)
                           : (*functions)->read_header(bytes, path);
  if (!header) return header;
  return within_limits(std::move(*header), path, max_pixels);
}

}  // namespace vern::imaging
