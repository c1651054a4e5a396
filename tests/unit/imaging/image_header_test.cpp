#include "imaging/image_header.h"

#include <gtest/gtest.h>

#include <vips/vips8>

#include "support/test_support.h"
#include "test_libraries.h"

namespace vern::imaging {
namespace {

std::vector<unsigned char> encoded(const char* suffix) {
  test::start_libvips();
  void* buffer = nullptr;
  std::size_t length = 0;
  vips::VImage::black(64, 48, vips::VImage::option()->set("bands", 3))
      .write_to_buffer(suffix, &buffer, &length);
  const std::unique_ptr<void, decltype(&g_free)> owner(buffer, &g_free);
  const auto* bytes = static_cast<const unsigned char*>(buffer);
  return {bytes, bytes + length};
}

// Callers choose a decoding route by the loader's operation name (the perceptual hash decodes
// JPEGs with libjpeg when the loader starts with "jpegload"), so every route names it alike.
TEST(ImageHeader, NamesTheLoaderByItsOperation) {
  const auto jpeg = read_header(encoded(".jpg"), "a.jpg", 1LL << 40, test::libvips());
  ASSERT_TRUE(jpeg);
  EXPECT_EQ(jpeg->loader, "jpegload_buffer");
  const auto png = read_header(encoded(".png"), "a.png", 1LL << 40, test::libvips());
  ASSERT_TRUE(png);
  EXPECT_EQ(png->loader, "pngload_buffer");
  EXPECT_EQ(png->width, 64);
  EXPECT_EQ(png->height, 48);
  const auto heic = test::read_bytes(test::data_file("heic/IMG_5195.HEIC"));
  const auto heif = read_header(heic, "IMG_5195.HEIC", 1LL << 40, test::libvips());
  ASSERT_TRUE(heif);
  EXPECT_EQ(heif->loader, "heifload_buffer");
}

TEST(ImageHeader, BytesNoDecoderReadsAreUnsupported) {
  const std::vector<unsigned char> text = {'n', 'o', 't', ' ', 'a', ' ', 'p', 'h', 'o', 't', 'o'};
  const auto header = read_header(text, "notes.txt", 1LL << 40, test::libvips());
  ASSERT_FALSE(header);
  EXPECT_EQ(header.error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(header.error().path, "notes.txt");
}

}  // namespace
}  // namespace vern::imaging
