#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vern {

// Web image encodings Vernissage writes.
enum class OutputFormat { kAvif, kWebp, kJpeg };

std::string_view output_format_name(OutputFormat format);       // "avif", "webp", "jpeg"
std::string_view output_format_extension(OutputFormat format);  // "avif", "webp", "jpg"
std::string_view output_format_mime(OutputFormat format);       // "image/avif", ...

struct Encoding {
  OutputFormat format = OutputFormat::kJpeg;
  int quality = 82;  // 1..100, the encoder's own scale
};

// One image file the site serves for a photo: a size in one encoding. `relative_path` is relative
// to the site root and derived from `recipe_hash`, which covers everything that shapes the bytes
// (source content, size, encoding, sharpening, embedded notice, imaging version), so an existing
// file with this name never needs rendering again.
struct Derivative {
  int width = 0;
  int height = 0;
  Encoding encoding;
  std::string recipe_hash;
  std::string relative_path;
};

// The long edge of a derivative, the number written in srcset as "<w>w" being its width.
inline int long_edge(const Derivative& d) { return d.width > d.height ? d.width : d.height; }

}  // namespace vern
