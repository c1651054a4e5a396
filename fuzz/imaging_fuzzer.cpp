// libFuzzer target: what the index decodes from a JPEG's bytes must never crash or hang: the
// header (read with libjpeg and libexif) and the perceptual hash, whose decoding goes through
// libjpeg's error handling (setjmp/longjmp) directly. Other formats go to libvips' own loaders,
// which libvips fuzzes itself; inputs that are not JPEGs only meet the luma decoder.
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/image_format.h"
#include "imaging/detail/jpeg_luma.h"
#include "imaging/image_header.h"
#include "imaging/libvips.h"
#include "imaging/perceptual_hash.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // JPEGs never need libvips: were one to, the module would be loaded as in the program.
  static const vern::imaging::Libvips libvips("imaging_fuzzer", 1);
  const std::span<const unsigned char> bytes(data, size);
  // As the index reads photos: at most 50 megapixels, so that a forged header cannot make a
  // run spend its time on one huge blank picture.
  const bool jpeg = vern::sniff_image_format(bytes) == vern::ImageFormat::kJpeg;
  const auto header = jpeg ? vern::imaging::read_header(bytes, "fuzz-input", 50'000'000, libvips)
                           : vern::Result<vern::imaging::ImageHeader>(
                                 vern::fail(vern::ErrorCode::kUnsupported, "not a JPEG"));
  if (header) {
    // The bytes are also tried as the embedded thumbnail, the other way into the decoder.
    (void)vern::imaging::perceptual_hash(bytes, bytes, *header, "fuzz-input", libvips);
  }
  (void)vern::imaging::detail::decode_jpeg_luma(bytes, 64);
  return 0;
}
