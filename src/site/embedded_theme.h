#pragma once

#include <span>
#include <string_view>

namespace vern::site {

// A file of the default theme, compiled into the binary from templates/ and assets/.
struct EmbeddedFile {
  std::string_view path;  // "templates/photo.mustache", "assets/style.css", ...
  std::string_view contents;
};

// All files of the default theme, in the order CMake listed them (sorted by path).
std::span<const EmbeddedFile> embedded_theme_files();

}  // namespace vern::site
