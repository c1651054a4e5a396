#include "core/derivative.h"

namespace vern {

std::string_view output_format_name(OutputFormat format) {
  switch (format) {
    case OutputFormat::kAvif:
      return "avif";
    case OutputFormat::kWebp:
      return "webp";
    case OutputFormat::kJpeg:
      return "jpeg";
  }
  return "jpeg";
}

std::string_view output_format_extension(OutputFormat format) {
  return format == OutputFormat::kJpeg ? "jpg" : output_format_name(format);
}

std::string_view output_format_mime(OutputFormat format) {
  switch (format) {
    case OutputFormat::kAvif:
      return "image/avif";
    case OutputFormat::kWebp:
      return "image/webp";
    case OutputFormat::kJpeg:
      return "image/jpeg";
  }
  return "image/jpeg";
}

}  // namespace vern
