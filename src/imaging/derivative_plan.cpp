#include "imaging/derivative_plan.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/content_hash.h"

namespace vern::imaging {
namespace {

std::vector<int> long_edges_for(int original_long_edge, std::vector<int> requested) {
  std::set<int> edges;
  for (const int edge : requested) {
    if (edge <= 0) continue;
    edges.insert(std::min(edge, original_long_edge));
  }
  return {edges.begin(), edges.end()};
}

// The watermark's part of a recipe; nothing without one, so derivatives made before watermarks
// existed keep their names.
std::string watermark_recipe(const Watermark& w) {
  if (!w.active()) return "";
  char opacity[32];
  std::snprintf(opacity, sizeof opacity, "%.3f", w.opacity);
  return "|wm=" + w.text + "|wmimg=" + w.image_hash +
         "|wmpos=" + std::string(watermark_position_name(w.position)) + "|wmop=" + opacity;
}

// The reading's part of a recipe; nothing for a photo read as it always was.
std::string reading_recipe(const PictureReading& reading) {
  std::string recipe;
  if (reading.raw) recipe += "|raw=" + std::string(raw_mode_name(*reading.raw));
  if (reading.orientation != 0) recipe += "|orient=" + std::to_string(reading.orientation);
  return recipe;
}

// Every input that changes the output's bytes, in a fixed textual form.
std::string recipe_of(const std::string& content_hash, int width, int height,
                      const Encoding& encoding, const ImagingSettings& settings,
                      const EmbeddedNotice& notice, const PictureReading& reading) {
  char sharpen[32];
  std::snprintf(sharpen, sizeof sharpen, "%.3f", settings.sharpen_amount);
  return "v" + std::to_string(kImagingVersion) + "|src=" + content_hash +
         "|size=" + std::to_string(width) + "x" + std::to_string(height) +
         "|fmt=" + std::string(output_format_name(encoding.format)) +
         "|q=" + std::to_string(encoding.quality) + "|sharpen=" + sharpen +
         "|creator=" + notice.creator + "|copyright=" + notice.copyright +
         watermark_recipe(settings.watermark) + reading_recipe(reading);
}

}  // namespace

namespace {
constexpr std::pair<WatermarkPosition, std::string_view> kPositions[] = {
    {WatermarkPosition::kBottomRight, "bottom-right"},
    {WatermarkPosition::kBottomLeft, "bottom-left"},
    {WatermarkPosition::kTopRight, "top-right"},
    {WatermarkPosition::kTopLeft, "top-left"},
    {WatermarkPosition::kCenter, "center"},
    {WatermarkPosition::kTile, "tile"}};
}  // namespace

std::optional<RawMode> raw_mode_from_name(std::string_view name) {
  if (name == "preview") return RawMode::kPreview;
  if (name == "develop") return RawMode::kDevelop;
  return std::nullopt;
}

std::string_view raw_mode_name(RawMode mode) {
  return mode == RawMode::kDevelop ? "develop" : "preview";
}

std::optional<WatermarkPosition> watermark_position_from_name(std::string_view name) {
  for (const auto& [position, text] : kPositions) {
    if (text == name) return position;
  }
  return std::nullopt;
}

std::string_view watermark_position_name(WatermarkPosition position) {
  for (const auto& [p, text] : kPositions) {
    if (p == position) return text;
  }
  return "bottom-right";
}

std::vector<Derivative> plan_derivatives(const std::string& content_hash, int display_width,
                                         int display_height, const ImagingSettings& settings,
                                         const EmbeddedNotice& notice,
                                         const PictureReading& reading) {
  std::vector<Derivative> plan;
  if (display_width <= 0 || display_height <= 0) return plan;
  const int original_long = std::max(display_width, display_height);
  for (const Encoding& encoding : settings.encodings) {
    for (const int edge : long_edges_for(original_long, settings.long_edges)) {
      const double scale = static_cast<double>(edge) / original_long;
      Derivative d;
      d.width = std::max(1, static_cast<int>(std::lround(display_width * scale)));
      d.height = std::max(1, static_cast<int>(std::lround(display_height * scale)));
      d.encoding = encoding;
      d.recipe_hash = vern::content_hash(
          recipe_of(content_hash, d.width, d.height, encoding, settings, notice, reading));
      // Two hex digits of fan-out keep folders small at a million photos.
      d.relative_path = "media/" + d.recipe_hash.substr(0, 2) + "/" + d.recipe_hash.substr(0, 20) +
                        "-" + std::to_string(long_edge(d)) + "." +
                        std::string(output_format_extension(encoding.format));
      plan.push_back(std::move(d));
    }
  }
  return plan;
}

}  // namespace vern::imaging
