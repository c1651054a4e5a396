#include "imaging/libvips_module/grey_picture.h"

#include <memory>
#include <vips/vips8>

#include "imaging/libvips_module/vips_error.h"

namespace vern::imaging::libvips_module {
namespace {

using detail::GreyPicture;
using vips::VImage;

// The decoded picture's grey levels, in one libvips pipeline. Everything the perceptual hash does
// after this is plain arithmetic on at most a few hundred pixels: each further libvips operation
// would cost more (a pipeline per operation) than the hash itself.
GreyPicture grey_levels(VImage picture) {
  if (picture.format() == VIPS_FORMAT_UCHAR && picture.bands() == 3 &&
      picture.interpretation() == VIPS_INTERPRETATION_sRGB) {
    // The usual case (every camera thumbnail): decode only, and weigh the channels here
    // (Rec. 601 luma, as libvips' own sRGB to grey conversion of 8-bit pixels).
    std::size_t size = 0;
    const std::unique_ptr<unsigned char, decltype(&g_free)> memory(
        static_cast<unsigned char*>(picture.write_to_memory(&size)), &g_free);
    GreyPicture grey{picture.width(), picture.height(), picture.width(), picture.height(), {}};
    const std::size_t count = static_cast<std::size_t>(grey.width) * grey.height;
    if (size < count * 3) throw vips::VError("short picture");
    grey.pixels.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      const unsigned char* rgb = memory.get() + 3 * i;
      grey.pixels[i] = 0.299f * rgb[0] + 0.587f * rgb[1] + 0.114f * rgb[2];
    }
    return grey;
  }
  if (picture.has_alpha()) picture = picture.flatten(VImage::option()->set("background", 255.0));
  picture = picture.colourspace(VIPS_INTERPRETATION_B_W);
  if (picture.bands() > 1) picture = picture.extract_band(0);
  picture = picture.cast(VIPS_FORMAT_FLOAT);
  std::size_t size = 0;
  const std::unique_ptr<float, decltype(&g_free)> memory(
      static_cast<float*>(picture.write_to_memory(&size)), &g_free);
  GreyPicture grey{picture.width(), picture.height(), picture.width(), picture.height(), {}};
  if (size < sizeof(float) * grey.width * grey.height) throw vips::VError("short picture");
  grey.pixels.assign(memory.get(), memory.get() + grey.width * grey.height);
  return grey;
}

}  // namespace

Result<GreyPicture> grey_picture(std::span<const unsigned char> bytes, int fit_edge) {
  try {
    if (fit_edge == 0) {
      return grey_levels(VImage::new_from_buffer(
          bytes.data(), bytes.size(), "", VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL)));
    }
    // thumbnail() applies the orientation itself and shrinks while decoding. The blob borrows
    // `bytes`; libvips must not free them.
    VipsBlob* blob = vips_blob_new(nullptr, bytes.data(), bytes.size());
    const std::unique_ptr<VipsArea, decltype(&vips_area_unref)> owner(VIPS_AREA(blob),
                                                                      &vips_area_unref);
    return grey_levels(
        VImage::thumbnail_buffer(blob, fit_edge, VImage::option()->set("height", fit_edge)));
  } catch (const vips::VError& e) {
    return fail(ErrorCode::kCorrupt, describe(e));
  }
}

}  // namespace vern::imaging::libvips_module
