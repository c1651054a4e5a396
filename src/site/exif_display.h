#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/photo_metadata.h"

namespace vern::site {

// Photographic facts as a photographer writes them: "1/250 s", "f/2.8", "35 mm", "ISO 400",
// "Nikon D90", "1 May 2019, 14:05". Each returns "" when the fact is unknown.
std::string format_exposure_time(const std::optional<double>& seconds);
std::string format_aperture(const std::optional<double>& f_number);
std::string format_focal_length(const std::optional<double>& mm);
std::string format_iso(const std::optional<int>& iso);
std::string format_camera(const std::optional<std::string>& make,
                          const std::optional<std::string>& model);
std::string format_date(const std::optional<std::string>& iso_8601);

// The information panel of a photo page: (label, value) pairs in reading order, unknown facts
// left out. Location appears only when `include_location` is true.
std::vector<std::pair<std::string, std::string>> photo_facts(const PhotoMetadata& metadata,
                                                             bool include_location);

}  // namespace vern::site
