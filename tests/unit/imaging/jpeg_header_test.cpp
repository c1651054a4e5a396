#include "imaging/detail/jpeg_header.h"

#include <gtest/gtest.h>

#include <exiv2/exiv2.hpp>
#include <vips/vips8>

#include "imaging/image_header.h"
#include "support/test_support.h"
#include "test_libraries.h"

namespace vern::imaging::detail {
namespace {

// What libvips' own header read says: the reference the fast path must agree with, because the
// renderer decodes and turns photos with libvips.
struct VipsView {
  int width = 0, height = 0, orientation = 1;
};

VipsView libvips_header(const std::vector<unsigned char>& bytes) {
  test::start_libvips();
  const auto image = vips::VImage::new_from_buffer(bytes.data(), bytes.size(), "");
  VipsView view{image.width(), image.height(), 1};
  if (image.get_typeof(VIPS_META_ORIENTATION) != 0)
    view.orientation = image.get_int(VIPS_META_ORIENTATION);
  return view;
}

TEST(JpegHeader, AgreesWithLibvipsOnEveryOrientation) {
  for (const char* shape : {"landscape", "portrait"}) {
    for (int o = 1; o <= 8; ++o) {
      const auto file =
          test::data_file(std::string("orientation/") + shape + "_" + std::to_string(o) + ".jpg");
      const auto bytes = test::read_bytes(file);
      const auto header = read_jpeg_header(bytes);
      ASSERT_TRUE(header) << file;
      const auto reference = libvips_header(bytes);
      EXPECT_EQ(header->orientation, o) << file;
      EXPECT_EQ(header->orientation, reference.orientation) << file;
      EXPECT_EQ(header->stored_width, reference.width) << file;
      EXPECT_EQ(header->stored_height, reference.height) << file;
    }
  }
}

TEST(JpegHeader, ReadHeaderTurnsTheSizeAsDisplayed) {
  const auto bytes = test::read_bytes(test::data_file("orientation/landscape_6.jpg"));
  const auto stored = read_jpeg_header(bytes);
  ASSERT_TRUE(stored);
  const auto header = read_header(bytes, "landscape_6.jpg", 1LL << 40, test::libvips());
  ASSERT_TRUE(header);
  EXPECT_EQ(header->loader, "jpegload_buffer");
  EXPECT_EQ(header->orientation, 6);
  EXPECT_EQ(header->width, stored->stored_height);
  EXPECT_EQ(header->height, stored->stored_width);
  const auto refused = read_header(bytes, "landscape_6.jpg", 1000, test::libvips());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kTooLarge);
}

TEST(JpegHeader, AnOrientationOutsideOneToEightIsOneAsInLibvips) {
  test::TempDir dir;
  for (const int value : {0, 9, 16641}) {
    const auto file = dir / ("orientation-" + std::to_string(value) + ".jpg");
    test::copy_into(test::data_file("orientation/landscape_6.jpg"), file);
    {
      auto image = Exiv2::ImageFactory::open(file.string());
      image->readMetadata();
      image->exifData()["Exif.Image.Orientation"] = static_cast<std::uint16_t>(value);
      image->writeMetadata();
    }
    const auto bytes = test::read_bytes(file);
    const auto header = read_jpeg_header(bytes);
    ASSERT_TRUE(header) << value;
    EXPECT_EQ(header->orientation, 1) << value;
    EXPECT_EQ(libvips_header(bytes).orientation, 1) << value;
  }
}

TEST(JpegHeader, APhotoWithoutExifIsUpright) {
  const auto image = vips::VImage::black(40, 30);
  void* buffer = nullptr;
  std::size_t length = 0;
  image.write_to_buffer(".jpg", &buffer, &length, vips::VImage::option()->set("strip", true));
  const std::unique_ptr<void, decltype(&g_free)> owner(buffer, &g_free);
  const auto header = read_jpeg_header({static_cast<unsigned char*>(buffer), length});
  ASSERT_TRUE(header);
  EXPECT_EQ(header->stored_width, 40);
  EXPECT_EQ(header->stored_height, 30);
  EXPECT_EQ(header->orientation, 1);
}

TEST(JpegHeader, ABrokenHeaderIsAnErrorWithTheDecodersReason) {
  auto bytes = test::read_bytes(test::data_file("orientation/landscape_1.jpg"));
  bytes.resize(100);  // cut inside the first segments, before the frame header
  const auto header = read_jpeg_header(bytes);
  ASSERT_FALSE(header);
  EXPECT_EQ(header.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(header.error().message.find("JPEG decoder:"), std::string::npos);
  const auto named = read_header(bytes, "cut.jpg", 1LL << 40, test::libvips());
  ASSERT_FALSE(named);
  EXPECT_EQ(named.error().path, "cut.jpg");
  EXPECT_NE(named.error().message.find("cannot read image header"), std::string::npos);
}

}  // namespace
}  // namespace vern::imaging::detail
