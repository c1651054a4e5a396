#pragma once

// jpeglib.h uses size_t and FILE without including their headers.
#include <cstddef>
#include <cstdio>
// Then libjpeg itself.
#include <jpeglib.h>

#include <csetjmp>
#include <span>
#include <string>

namespace vern::imaging::detail {

// libjpeg's decompressor over a JPEG in memory, freed on every way out.
//
// libjpeg reports a fatal error by calling error_exit, which must not return. It cannot throw
// either (an exception crossing libjpeg's C frames is undefined behaviour), so it jumps back to
// the caller's setjmp:
//
//   LibjpegDecompressor jpeg;
//   if (setjmp(jpeg.jump_back_here()) != 0) return fail(ErrorCode::kCorrupt, jpeg.error());
//   jpeg.open(bytes);
//   jpeg_read_header(&jpeg.info, TRUE);
//
// Every object with a destructor must be made before the setjmp, so that jumping back skips
// none. Warnings (damaged data) are not printed: a damaged file decodes as far as it goes, as
// in libvips by default.
class LibjpegDecompressor {
 public:
  LibjpegDecompressor();
  ~LibjpegDecompressor();
  LibjpegDecompressor(const LibjpegDecompressor&) = delete;
  LibjpegDecompressor& operator=(const LibjpegDecompressor&) = delete;

  std::jmp_buf& jump_back_here() { return errors_.jump; }
  // Creates the decompressor reading `bytes`, which must outlive it. Call after setjmp.
  void open(std::span<const unsigned char> bytes);
  // libjpeg's own words for the error that jumped back, e.g. "Not a JPEG file: starts with 0x42
  // 0x42".
  std::string error() const { return std::string("JPEG decoder: ") + errors_.message; }

  jpeg_decompress_struct info{};

 private:
  // libjpeg is handed `standard`, the first member, and finds the rest from its address.
  struct Errors {
    jpeg_error_mgr standard;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
  };
  [[noreturn]] static void jump_back(j_common_ptr info);
  static void stay_quiet(j_common_ptr info, int level);

  Errors errors_{};
};

}  // namespace vern::imaging::detail
