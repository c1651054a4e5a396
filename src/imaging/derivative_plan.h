#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/derivative.h"

namespace vern::imaging {

// `--max-megapixels` and `max_megapixels` count millions of pixels.
constexpr long long pixels_in_megapixels(long long megapixels) { return megapixels * 1'000'000; }

// Where a watermark goes: a corner, the centre, or repeated over the whole image.
enum class WatermarkPosition { kBottomRight, kBottomLeft, kTopRight, kTopLeft, kCenter, kTile };

// A mark burned into derivatives (never into originals): a line of text, or a PNG (its alpha
// kept), at `opacity` (0..1). Inactive when it has neither.
struct Watermark {
  std::string text;
  std::string image;       // a PNG's path
  std::string image_hash;  // its content hash: a changed PNG changes the recipe
  WatermarkPosition position = WatermarkPosition::kBottomRight;
  double opacity = 0.5;
  bool active() const { return !text.empty() || !image.empty(); }
};

// "bottom-right", "bottom-left", "top-right", "top-left", "center", "tile".
std::optional<WatermarkPosition> watermark_position_from_name(std::string_view name);
std::string_view watermark_position_name(WatermarkPosition position);

// How a camera RAW becomes pixels: the JPEG the camera embedded, when it is at least as large as
// the largest derivative (the camera's own rendering, and 20-50× faster), else a development of
// the sensor data; or always the development.
enum class RawMode { kPreview, kDevelop };

// "preview", "develop".
std::optional<RawMode> raw_mode_from_name(std::string_view name);
std::string_view raw_mode_name(RawMode mode);

// How the pixels of one photo are read out of its file, where the file leaves a choice. Each set
// part joins the photo's recipes; unset, the recipes are as they were before these existed.
struct PictureReading {
  std::optional<RawMode> raw;  // set for a camera RAW, to the mode that applies to it
  int orientation = 0;         // 1..8: overrules the file's own orientation tag; 0 keeps it
};

// Everything about rendering that the site's settings decide. Part of every derivative's recipe.
struct ImagingSettings {
  std::vector<int> long_edges = {480, 960, 1600, 2400};
  std::vector<Encoding> encodings = {{OutputFormat::kJpeg, 82}};
  // Strength of the output sharpening applied after downscaling: 0 none, 0.5 mild, 1 strong.
  double sharpen_amount = 0.5;
  long long max_pixels = pixels_in_megapixels(200);
  Watermark watermark;              // none unless asked for
  RawMode raw = RawMode::kPreview;  // for camera RAW photos (`raw = ...`, per album too)
};

// The creator and copyright notice embedded in every derivative (the only metadata they carry
// besides the sRGB profile).
struct EmbeddedNotice {
  std::string creator;
  std::string copyright;
};

// Bump when a change to the imaging code alters output bytes, so every recipe changes with it.
inline constexpr int kImagingVersion = 3;

// The derivatives of one photo, ordered by encoding (as in `settings.encodings`) then by size,
// smallest first. Sizes never exceed the original: requested long edges at or above the
// original's collapse into one derivative at the original size. Dimensions keep the aspect ratio
// of the displayed (oriented) image, rounded to whole pixels, at least 1.
std::vector<Derivative> plan_derivatives(const std::string& content_hash, int display_width,
                                         int display_height, const ImagingSettings& settings,
                                         const EmbeddedNotice& notice,
                                         const PictureReading& reading = {});

}  // namespace vern::imaging
