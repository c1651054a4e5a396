#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "core/derivative.h"
#include "core/result.h"
#include "imaging/derivative_plan.h"
#include "imaging/libvips.h"

namespace vern::imaging {

struct RenderReport {
  int files_written = 0;
  // Set when the source was damaged (truncated, corrupt scan data) and the derivatives show only
  // what decoded; `decode_problem` then says what was wrong.
  bool partial_decode = false;
  std::string decode_problem;
  std::string thumbhash;  // base64 ThumbHash of the decoded photo
};

// Decodes the photo in `bytes` once, at the largest size any of `wanted` needs (shrink-on-load),
// turns it upright, converts it from its embedded ICC profile to sRGB, and derives every wanted
// size and encoding from that one decoded image, sharpening each after downscaling. Each file is
// written under `site_root` at its relative_path through a temporary name and a rename.
//
// Derivatives carry only an sRGB ICC profile and an EXIF block with `notice` (Artist, Copyright):
// no location, no serial numbers, none of the original's other metadata.
//
// Also computes the photo's ThumbHash placeholder from the same decode. With `wanted` empty, only
// the placeholder is made, from a small decode. The placeholder depends on the decode size; a
// caller that must get the same placeholder whichever derivatives are missing (a build repairing
// an interrupted one) passes the largest derivative of the whole plan as `decode_as`.
//
// `reading` says how the file becomes pixels where it leaves a choice: a camera RAW (reading.raw
// set) is decoded through LibRaw, from its preview or its sensor data
// (libvips_module/camera_raw.h), and an orientation other than 0 overrules the file's tag.
//
// The work is `libvips`' (loaded then if it was not yet).
//
// Fails (writing nothing further) when the photo cannot be decoded at all or a file cannot be
// written; files already moved into place by then are complete and stay.
[[nodiscard]] Result<RenderReport> render_derivatives(
    const Libvips& libvips, std::span<const unsigned char> bytes, const std::string& path,
    int original_long_edge, const std::vector<Derivative>& wanted,
    const std::filesystem::path& site_root, const ImagingSettings& settings,
    const EmbeddedNotice& notice, const Derivative* decode_as = nullptr,
    const PictureReading& reading = {});

}  // namespace vern::imaging
