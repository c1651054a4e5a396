#include "imaging/detail/libjpeg_decompressor.h"

namespace vern::imaging::detail {

LibjpegDecompressor::LibjpegDecompressor() {
  info.err = jpeg_std_error(&errors_.standard);
  errors_.standard.error_exit = jump_back;
  errors_.standard.emit_message = stay_quiet;
}

// Safe before open(): libjpeg destroys nothing until its memory manager exists.
LibjpegDecompressor::~LibjpegDecompressor() { jpeg_destroy_decompress(&info); }

void LibjpegDecompressor::open(std::span<const unsigned char> bytes) {
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, bytes.data(), static_cast<unsigned long>(bytes.size()));
}

void LibjpegDecompressor::jump_back(j_common_ptr info) {
  auto* errors = reinterpret_cast<Errors*>(info->err);
  info->err->format_message(info, errors->message);
  std::longjmp(errors->jump, 1);
}

void LibjpegDecompressor::stay_quiet(j_common_ptr, int) {}

}  // namespace vern::imaging::detail
