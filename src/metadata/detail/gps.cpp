#include "metadata/detail/gps.h"

#include <cmath>
#include <cstdlib>
#include <string>

namespace vern::metadata::detail {

std::optional<double> decimal_degrees(double degrees, double minutes, double seconds,
                                      std::string_view ref, double limit) {
  if (!std::isfinite(degrees) || !std::isfinite(minutes) || !std::isfinite(seconds) ||
      degrees < 0 || minutes < 0 || seconds < 0) {
    return std::nullopt;
  }
  double value = degrees + minutes / 60.0 + seconds / 3600.0;
  if (value > limit) return std::nullopt;
  if (!ref.empty() && (ref.front() == 'S' || ref.front() == 'W')) value = -value;
  return value;
}

std::optional<double> decimal_degrees_from_xmp(std::string_view value, double limit) {
  if (value.size() < 3) return std::nullopt;
  const char ref = value.back();
  if (ref != 'N' && ref != 'S' && ref != 'E' && ref != 'W') return std::nullopt;
  const std::string body(value.substr(0, value.size() - 1));
  const char* cursor = body.c_str();
  char* end = nullptr;
  const double degrees = std::strtod(cursor, &end);
  if (end == cursor || *end != ',') return std::nullopt;
  cursor = end + 1;
  const double minutes = std::strtod(cursor, &end);
  if (end == cursor) return std::nullopt;
  double seconds = 0;
  if (*end == ',') {
    cursor = end + 1;
    seconds = std::strtod(cursor, &end);
    if (end == cursor) return std::nullopt;
  }
  if (*end != '\0') return std::nullopt;
  return decimal_degrees(degrees, minutes, seconds, std::string_view(&ref, 1), limit);
}

}  // namespace vern::metadata::detail
