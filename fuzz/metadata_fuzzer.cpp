// libFuzzer target: metadata reading from arbitrary file bytes must never crash or hang.
#include <cstddef>
#include <cstdint>

#include "metadata/library_setup.h"
#include "metadata/metadata_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static vern::metadata::LibrarySetup setup;
  (void)vern::metadata::read_metadata(std::span(data, size), "fuzz-input");
  return 0;
}
