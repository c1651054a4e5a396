#include "imaging/detail/jpeg_luma.h"

#include <algorithm>

#include "imaging/detail/libjpeg_decompressor.h"

namespace vern::imaging::detail {

Result<GreyPicture> decode_jpeg_luma(std::span<const unsigned char> bytes, int min_short_edge) {
  // Everything with a destructor is made before setjmp (see LibjpegDecompressor).
  GreyPicture picture;
  std::vector<JSAMPLE> row;
  LibjpegDecompressor jpeg;
  jpeg_decompress_struct& info = jpeg.info;
  if (setjmp(jpeg.jump_back_here()) != 0) return fail(ErrorCode::kCorrupt, jpeg.error());
  jpeg.open(bytes);
  jpeg_read_header(&info, TRUE);
  if (info.jpeg_color_space != JCS_YCbCr && info.jpeg_color_space != JCS_GRAYSCALE) {
    return fail(ErrorCode::kUnsupported, "JPEG is not in YCbCr or grey");
  }
  info.out_color_space = JCS_GRAYSCALE;
  unsigned denominator = 1;
  const unsigned short_edge = std::min(info.image_width, info.image_height);
  while (denominator < 8 && short_edge / (denominator * 2) >= static_cast<unsigned>(min_short_edge))
    denominator *= 2;
  info.scale_num = 1;
  info.scale_denom = denominator;
  jpeg_start_decompress(&info);

  picture.full_width = static_cast<int>(info.image_width);
  picture.full_height = static_cast<int>(info.image_height);
  picture.width = static_cast<int>(info.output_width);
  picture.height = static_cast<int>(info.output_height);
  picture.pixels.resize(static_cast<std::size_t>(picture.width) * picture.height);
  row.resize(info.output_width);
  while (info.output_scanline < info.output_height) {
    const std::size_t y = info.output_scanline;
    JSAMPROW rows[] = {row.data()};
    if (jpeg_read_scanlines(&info, rows, 1) != 1) break;  // a memory source never suspends
    std::copy(row.begin(), row.end(), picture.pixels.begin() + y * picture.width);
  }
  // No jpeg_finish_decompress: what follows the last scan (up to EOI) is not needed.
  return picture;
}

}  // namespace vern::imaging::detail
