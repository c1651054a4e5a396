#include "imaging/thumbhash.h"

#include <gtest/gtest.h>

namespace vern::imaging {
namespace {

// A synthetic gradient with optional varying alpha, identical to the one fed to the reference
// JavaScript implementation (npm thumbhash 0.1.1, rgbaToThumbHash) to obtain the expected hashes.
std::vector<std::uint8_t> gradient(int w, int h, bool alpha) {
  std::vector<std::uint8_t> rgba(static_cast<std::size_t>(w) * h * 4);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const std::size_t i = (static_cast<std::size_t>(y) * w + x) * 4;
      rgba[i] = static_cast<std::uint8_t>(x * 255 / (w - 1));
      rgba[i + 1] = static_cast<std::uint8_t>(y * 255 / (h - 1));
      rgba[i + 2] = static_cast<std::uint8_t>(((x + y) * 7) % 256);
      rgba[i + 3] = alpha ? static_cast<std::uint8_t>((x * 3 + y * 5) % 256) : 255;
    }
  }
  return rgba;
}

TEST(ThumbHash, MatchesTheReferenceImplementationForAnOpaqueImage) {
  EXPECT_EQ(base64(thumbhash_from_rgba(100, 75, gradient(100, 75, false))),
            "3wcKPZpwd4dweHh3h3eHd4CACPh3");
}

TEST(ThumbHash, MatchesTheReferenceImplementationWithAlpha) {
  EXPECT_EQ(base64(thumbhash_from_rgba(60, 100, gradient(60, 100, true))),
            "4AeGGw4YgHCJmZiAoAX3iHh3SHaIlxA=");
}

TEST(ThumbHash, Base64PadsPartialGroups) {
  EXPECT_EQ(base64({'M'}), "TQ==");
  EXPECT_EQ(base64({'M', 'a'}), "TWE=");
  EXPECT_EQ(base64({'M', 'a', 'n'}), "TWFu");
}

}  // namespace
}  // namespace vern::imaging
