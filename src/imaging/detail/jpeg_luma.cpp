#include "imaging/detail/jpeg_luma.h"

// jpeglib.h uses size_t and FILE without including their headers.
#include <cstddef>
#include <cstdio>
// Then libjpeg itself.
#include <jpeglib.h>

#include <algorithm>
#include <csetjmp>
#include <string>

namespace vern::imaging::detail {
namespace {

// libjpeg reports a fatal error by calling error_exit, which must not return. It cannot throw
// either (libjpeg is C, built without unwind tables), so it jumps back to decode_jpeg_luma.
struct ErrorManager {
  jpeg_error_mgr standard;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void jump_back(j_common_ptr info) {
  auto* errors = reinterpret_cast<ErrorManager*>(info->err);
  info->err->format_message(info, errors->message);
  std::longjmp(errors->jump, 1);
}

// Warnings ("premature end of data") are not printed: a damaged file decodes as far as it goes.
void ignore_message(j_common_ptr, int) {}

// Frees the decoder on every way out. Zero-initialised, it is safe to destroy before
// jpeg_create_decompress (libjpeg checks for its memory manager).
struct Decompressor {
  jpeg_decompress_struct info{};
  ~Decompressor() { jpeg_destroy_decompress(&info); }
};

}  // namespace

Result<GreyPicture> decode_jpeg_luma(std::span<const unsigned char> bytes, int min_short_edge) {
  // Everything with a destructor is made before setjmp, so jumping back skips no destructor.
  GreyPicture picture;
  std::vector<JSAMPLE> row;
  Decompressor decompressor;
  jpeg_decompress_struct& info = decompressor.info;
  ErrorManager errors{};
  info.err = jpeg_std_error(&errors.standard);
  errors.standard.error_exit = jump_back;
  errors.standard.emit_message = ignore_message;
  if (setjmp(errors.jump) != 0) {
    return fail(ErrorCode::kCorrupt, std::string("JPEG decoder: ") + errors.message);
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, bytes.data(), static_cast<unsigned long>(bytes.size()));
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
