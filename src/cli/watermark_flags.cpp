#include "cli/watermark_flags.h"

#include "core/content_hash.h"
#include "core/file_bytes.h"

namespace vern::cli {

void add_watermark_flags(CLI::App& command, WatermarkFlags& flags) {
  auto* text = command.add_option("--watermark", flags.text,
                                  "A line of text burned into the images (never the originals)");
  auto* image = command.add_option("--watermark-image", flags.image,
                                   "A PNG (with transparency) burned into the images instead");
  text->excludes(image);
  command
      .add_option("--watermark-position", flags.position,
                  "bottom-right (default), bottom-left, top-right, top-left, center or tile")
      ->check(CLI::IsMember(
          {"bottom-right", "bottom-left", "top-right", "top-left", "center", "tile"}));
  command.add_option("--watermark-opacity", flags.opacity, "0 to 1 (default 0.5)")
      ->check(CLI::Range(0.0, 1.0));
}

Result<imaging::Watermark> watermark_from(const WatermarkFlags& flags) {
  imaging::Watermark watermark;
  watermark.text = flags.text;
  watermark.position = imaging::watermark_position_from_name(flags.position)
                           .value_or(imaging::WatermarkPosition::kBottomRight);
  watermark.opacity = flags.opacity;
  if (!flags.image.empty()) {
    auto bytes = read_file_bytes(flags.image, 64 * 1024 * 1024);
    if (!bytes) return tl::unexpected(bytes.error());
    watermark.image = std::filesystem::absolute(flags.image).string();
    watermark.image_hash = content_hash(*bytes);
  }
  return watermark;
}

}  // namespace vern::cli
