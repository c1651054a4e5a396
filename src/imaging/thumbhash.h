#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vern::imaging {

// ThumbHash (Evan Wallace's compact image placeholder format, https://evanw.github.io/thumbhash/):
// a ~25-byte DCT summary of a small RGBA image from which a browser redraws a blurred preview
// while the real image loads. `rgba` is width × height × 4 bytes, at most 100 × 100 pixels.
std::vector<std::uint8_t> thumbhash_from_rgba(int width, int height,
                                              const std::vector<std::uint8_t>& rgba);

// Standard base64 (with padding), the form the page carries in data-thumbhash.
std::string base64(const std::vector<std::uint8_t>& bytes);

}  // namespace vern::imaging
