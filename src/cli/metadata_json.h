#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/image_format.h"
#include "core/photo_metadata.h"

namespace vern::cli {

// One object of the `info --json` schema, with exactly its keys (null when absent): path, format,
// width, height, orientation, taken_at, camera_make, camera_model, lens, focal_length_mm,
// aperture, exposure_time_s, iso, gps_lat, gps_lon, gps_alt_m, title, caption, keywords,
// creator, copyright, rating. Other commands reuse it.
nlohmann::ordered_json metadata_json(const std::string& path, std::optional<ImageFormat> format,
                                     const PhotoMetadata& metadata);

}  // namespace vern::cli
