#include "cli/metadata_json.h"

namespace vern::cli {
namespace {

template <class T>
nlohmann::ordered_json or_null(const std::optional<T>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

}  // namespace

nlohmann::ordered_json metadata_json(const std::string& path, std::optional<ImageFormat> format,
                                     const PhotoMetadata& m) {
  nlohmann::ordered_json j;
  j["path"] = path;
  j["format"] = format ? nlohmann::ordered_json(std::string(format_name(*format))) : nullptr;
  j["width"] = or_null(m.width);
  j["height"] = or_null(m.height);
  j["orientation"] = or_null(m.orientation);
  j["taken_at"] = or_null(m.taken_at);
  j["camera_make"] = or_null(m.camera_make);
  j["camera_model"] = or_null(m.camera_model);
  j["lens"] = or_null(m.lens);
  j["focal_length_mm"] = or_null(m.focal_length_mm);
  j["aperture"] = or_null(m.aperture);
  j["exposure_time_s"] = or_null(m.exposure_time_s);
  j["iso"] = or_null(m.iso);
  j["gps_lat"] = m.gps ? nlohmann::ordered_json(m.gps->latitude) : nullptr;
  j["gps_lon"] = m.gps ? nlohmann::ordered_json(m.gps->longitude) : nullptr;
  j["gps_alt_m"] = m.gps ? or_null(m.gps->altitude_m) : nullptr;
  j["title"] = or_null(m.title);
  j["caption"] = or_null(m.caption);
  j["keywords"] = m.keywords;
  j["creator"] = or_null(m.creator);
  j["copyright"] = or_null(m.copyright);
  j["rating"] = or_null(m.rating);
  return j;
}

}  // namespace vern::cli
