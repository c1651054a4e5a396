#pragma once

#include <vector>

namespace vern::imaging::detail {

// A picture's grey levels, one float per pixel, row by row.
struct GreyPicture {
  int width = 0, height = 0;
  // The picture's size before any shrink-on-load: what it holds, not what was decoded.
  int full_width = 0, full_height = 0;
  std::vector<float> pixels;
};

}  // namespace vern::imaging::detail
