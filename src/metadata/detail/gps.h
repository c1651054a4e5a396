#pragma once

#include <optional>
#include <string_view>

namespace vern::metadata::detail {

// Degrees, minutes and seconds (as EXIF stores them) to signed decimal degrees; `ref` is the EXIF
// hemisphere letter ("N", "S", "E", "W"). nullopt when the result is not a coordinate on Earth.
std::optional<double> decimal_degrees(double degrees, double minutes, double seconds,
                                      std::string_view ref, double limit);

// XMP's "DDD,MM,SSk" or "DDD,MM.mmk" (k one of N S E W) to signed decimal degrees.
std::optional<double> decimal_degrees_from_xmp(std::string_view value, double limit);

}  // namespace vern::metadata::detail
