// libFuzzer target: metadata reading from arbitrary file bytes must never crash or hang, the
// embedded thumbnail's extraction (EXIF, and a JPEG's Photoshop resources) included.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "metadata/library_setup.h"
#include "metadata/metadata_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static vern::metadata::LibrarySetup setup;
  std::vector<unsigned char> thumbnail;
  (void)vern::metadata::read_metadata(std::span(data, size), "fuzz-input", &thumbnail);
  return 0;
}
