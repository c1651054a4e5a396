#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>
#include <vips/vips8>

#include "core/result.h"
#include "imaging/derivative_plan.h"
#include "imaging/image_header.h"

// Camera RAW through LibRaw. It lives in this module, beside libvips, because what it decodes
// goes straight into the libvips pipeline, and the module is loaded only for a photo libjpeg
// alone cannot read (a JPEG-only archive never maps either library). LibRaw is old C++ parsing
// untrusted files: every entry point checks sizes against the pixel limit before it allocates,
// turns LibRaw's error codes into a named failure, and is covered by fuzz/imaging_fuzzer.cpp.
namespace vern::imaging::libvips_module {

// The header of a camera RAW: its size as displayed, its orientation, and what LibRaw reads of the
// camera (make, model, lens, exposure, time) for formats exiv2 cannot read. When the sensor data
// is cut short (a truncated file) but a JPEG preview is whole, the size is the preview's: that is
// what can be shown. Fails with kUnsupported when LibRaw does not know the file, and with kCorrupt
// when it has neither whole sensor data nor a preview.
[[nodiscard]] Result<ImageHeader> read_raw_header(std::span<const unsigned char> bytes,
                                                  const std::string& path);

// A JPEG standing for the RAW, and the orientation to apply to it: the camera's preview, or
// where the file has none a small development of its sensor data.
[[nodiscard]] Result<std::pair<std::vector<unsigned char>, int>> raw_preview(
    std::span<const unsigned char> bytes, const std::string& path);

// A camera RAW made into pixels for the pipeline: the camera's JPEG preview or the developed
// picture, either as stored, with the orientation to apply to it.
struct RawPicture {
  std::vector<unsigned char> jpeg;
  int orientation = 1;
  vips::VImage developed;  // 16-bit sRGB as stored, set when `jpeg` is empty
  std::string problem;     // set when the sensor data was cut short and the preview stands in
};

// Decodes `bytes` for derivatives whose long edge reaches `needed_long_edge`: the preview when
// `mode` allows and it is at least that large, else a development (camera white balance, sRGB,
// half size when that still covers `needed_long_edge`). `orientation`, when not 0, overrules the
// file's. Refuses sensors over `max_pixels` before unpacking them.
[[nodiscard]] Result<RawPicture> decode_raw(std::span<const unsigned char> bytes,
                                            const std::string& path, RawMode mode,
                                            int needed_long_edge, long long max_pixels,
                                            int orientation);

}  // namespace vern::imaging::libvips_module
