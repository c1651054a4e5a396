#pragma once

#include <string>
#include <vips/vips8>

namespace vern::imaging::libvips_module {

// libvips error text is a log of every layer that failed, one per line, often ending in a newline.
// The first line names the cause ("VipsJpeg: Premature end of JPEG file"); that is what users see.
inline std::string describe(const vips::VError& error) {
  std::string text = error.what();
  vips_error_clear();
  if (const auto newline = text.find('\n'); newline != std::string::npos) text.resize(newline);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.pop_back();
  return text.empty() ? "libvips failed without saying why" : text;
}

}  // namespace vern::imaging::libvips_module
