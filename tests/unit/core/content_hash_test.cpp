#include "core/content_hash.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

namespace vern {
namespace {

// The hash is stored in catalogues and site manifests: a different value for the same bytes would
// make every photo look new. These are XXH3-128 values from xxHash's portable (SSE2) code path;
// the content hash picks a wider vector unit at run time and must agree with it.

TEST(ContentHash, EmptyInputHasXxh3sPublishedValue) {
  EXPECT_EQ(content_hash(std::string_view()), "99aa06d3014798d86001c324468d497f");
}

TEST(ContentHash, ShortText) {
  EXPECT_EQ(content_hash(std::string_view("vernissage")), "1b74478f00e631784da6c727707d696b");
}

TEST(ContentHash, PhotoSizedBufferTakesTheVectorPathAndAgrees) {
  std::vector<unsigned char> bytes(3 * 1024 * 1024 + 17);
  for (std::size_t i = 0; i < bytes.size(); ++i)
    bytes[i] = static_cast<unsigned char>((i * 2654435761U) >> 13);
  EXPECT_EQ(content_hash(bytes), "f74570d44eec5d6fef95608b0e69fd1b");
}

TEST(ContentHash, BytesAndTextOfTheSameContentAgree) {
  const std::string_view text = "Red Square, 2019";
  const std::vector<unsigned char> bytes(text.begin(), text.end());
  EXPECT_EQ(content_hash(bytes), content_hash(text));
}

}  // namespace
}  // namespace vern
