#include "sharing/share_watermark.h"

#include <nlohmann/json.hpp>

namespace vern::sharing {

std::string watermark_json(const imaging::Watermark& watermark) {
  nlohmann::ordered_json json;
  json["text"] = watermark.text;
  json["image"] = watermark.image;
  json["image_hash"] = watermark.image_hash;
  json["position"] = std::string(imaging::watermark_position_name(watermark.position));
  json["opacity"] = watermark.opacity;
  return json.dump();
}

imaging::Watermark watermark_from_json(const std::optional<std::string>& json) {
  imaging::Watermark watermark;
  if (!json) return watermark;
  const auto parsed = nlohmann::json::parse(*json, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return watermark;
  watermark.text = parsed.value("text", "");
  watermark.image = parsed.value("image", "");
  watermark.image_hash = parsed.value("image_hash", "");
  watermark.position = imaging::watermark_position_from_name(parsed.value("position", ""))
                           .value_or(imaging::WatermarkPosition::kBottomRight);
  watermark.opacity = parsed.value("opacity", 0.5);
  return watermark;
}

}  // namespace vern::sharing
