// libFuzzer target: camera RAW through LibRaw must never crash or hang the program, whatever the
// bytes. A file named .nef goes the way every RAW goes: its header (LibRaw's identify, sizes
// checked against the megapixel limit), then a decode for the placeholder, which is the preview
// when there is one and a half-size development otherwise. Debian's LibRaw is not instrumented,
// so the search is guided by the module's own code only; its crashes, hangs and leaks are still
// caught.
#include <cstddef>
#include <cstdint>
#include <span>

#include "imaging/image_header.h"
#include "imaging/libvips.h"
#include "imaging/renderer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const vern::imaging::Libvips libvips("raw_fuzzer", 1);
  const std::span<const unsigned char> bytes(data, size);
  // At most 20 megapixels: a forged header must not make a run develop one huge blank sensor.
  constexpr long long kMaxPixels = 20'000'000;
  const auto header = vern::imaging::read_header(bytes, "fuzz-input.nef", kMaxPixels, libvips);
  if (!header) return 0;
  vern::imaging::ImagingSettings settings;
  settings.max_pixels = kMaxPixels;
  for (const auto mode : {vern::imaging::RawMode::kPreview, vern::imaging::RawMode::kDevelop}) {
    // No derivative wanted: only the placeholder is made, so nothing is written.
    (void)vern::imaging::render_derivatives(
        libvips, bytes, "fuzz-input.nef", std::max(header->width, header->height), {},
        "/nonexistent", settings, {}, nullptr, vern::imaging::PictureReading{mode, 0});
  }
  return 0;
}
