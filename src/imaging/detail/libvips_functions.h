#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/derivative.h"
#include "core/result.h"
#include "imaging/derivative_plan.h"
#include "imaging/detail/grey_picture.h"
#include "imaging/image_header.h"
#include "imaging/renderer.h"

// What the libvips module (vernissage-libvips.so, built from src/imaging/libvips_module/) does
// for the program: everything that needs libvips. The module and the program are built together
// from one tree by one compiler, so C++ types cross between them as they are; the interface
// number and the version guard against a module file left over from another build.
namespace vern::imaging::detail {

// Bump whenever LibvipsFunctions or a type it passes changes.
inline constexpr int kLibvipsInterface = 2;

// The module's one exported symbol: extern "C" const LibvipsFunctions* NAME().
inline constexpr const char* kLibvipsEntryPoint = "vernissage_libvips_functions";

struct LibvipsFunctions {
  int interface = kLibvipsInterface;
  const char* version = "";  // the project version the module was built as

  // Starts libvips for the photos' needs (see libvips.h). Call once, before anything else.
  Result<void> (*start)(const char* program, int threads_per_image) = nullptr;
  // Shuts libvips down; nothing may be called after.
  void (*shutdown)() = nullptr;

  // The header as libvips' own loader for the format reads it: stored size turned by the
  // orientation, loader operation name. Fails with kUnsupported when no loader accepts the bytes.
  // Limits are the caller's to apply.
  Result<ImageHeader> (*read_header)(std::span<const unsigned char> bytes,
                                     const std::string& path) = nullptr;

  // A camera RAW's header, through LibRaw (see libvips_module/camera_raw.h). Limits are the
  // caller's to apply.
  Result<ImageHeader> (*read_raw_header)(std::span<const unsigned char> bytes,
                                         const std::string& path) = nullptr;

  // A JPEG standing for a camera RAW and the orientation to apply to it: its embedded preview,
  // else a small development (libvips_module/camera_raw.h).
  Result<std::pair<std::vector<unsigned char>, int>> (*raw_preview)(
      std::span<const unsigned char> bytes, const std::string& path) = nullptr;

  // The grey levels of the picture in `bytes`. With fit_edge 0 the picture is decoded as it is
  // stored (an embedded thumbnail); otherwise shrunk while decoding to fit fit_edge × fit_edge,
  // turned upright and colour-managed (a photo). Fails with libvips' reason.
  Result<GreyPicture> (*grey_picture)(std::span<const unsigned char> bytes, int fit_edge) = nullptr;

  // What render_derivatives (renderer.h) does, done with libvips.
  Result<RenderReport> (*render_derivatives)(
      std::span<const unsigned char> bytes, const std::string& path, int original_long_edge,
      const std::vector<Derivative>& wanted, const std::filesystem::path& site_root,
      const ImagingSettings& settings, const EmbeddedNotice& notice, const Derivative* decode_as,
      const PictureReading& reading) = nullptr;
};

}  // namespace vern::imaging::detail
