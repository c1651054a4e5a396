#include "imaging/detail/jpeg_luma.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vips/vips8>

#include "support/test_support.h"
#include "test_libraries.h"

namespace vern::imaging::detail {
namespace {

using vips::VImage;

const std::filesystem::path kPhoto = "streets/Nikon D90.jpg";  // 3000 × 1993, YCbCr

TEST(JpegLuma, DecodesAtTheSmallestScaleThatKeepsTheShortEdge) {
  const auto bytes = test::read_bytes(test::examples_dir() / kPhoto);
  const auto eighth = decode_jpeg_luma(bytes, 64);
  ASSERT_TRUE(eighth) << eighth.error().describe();
  EXPECT_EQ(eighth->full_width, 3000);
  EXPECT_EQ(eighth->full_height, 1993);
  EXPECT_EQ(eighth->width, 375);
  EXPECT_EQ(eighth->height, 250);  // libjpeg rounds up
  EXPECT_EQ(eighth->pixels.size(), 375u * 250u);
  // An eighth would leave fewer than 400 pixels on the short edge: a quarter is used.
  const auto quarter = decode_jpeg_luma(bytes, 400);
  ASSERT_TRUE(quarter);
  EXPECT_EQ(quarter->width, 750);
  EXPECT_EQ(quarter->height, 499);
}

TEST(JpegLuma, IsTheGreyLevelLibvipsSees) {
  const auto bytes = test::read_bytes(test::examples_dir() / kPhoto);
  const auto luma = decode_jpeg_luma(bytes, 64);
  ASSERT_TRUE(luma);
  test::start_libvips();
  VipsBlob* blob = vips_blob_new(nullptr, bytes.data(), bytes.size());
  const std::unique_ptr<VipsArea, decltype(&vips_area_unref)> owner(VIPS_AREA(blob),
                                                                    &vips_area_unref);
  const VImage grey = VImage::jpegload_buffer(blob, VImage::option()->set("shrink", 8))
                          .colourspace(VIPS_INTERPRETATION_B_W)
                          .cast(VIPS_FORMAT_FLOAT);
  // libvips drops the last, partial row of blocks that libjpeg rounds up to.
  ASSERT_EQ(grey.width(), luma->width);
  ASSERT_EQ(grey.height(), luma->height - 1);
  std::size_t size = 0;
  const std::unique_ptr<float, decltype(&g_free)> reference(
      static_cast<float*>(grey.write_to_memory(&size)), &g_free);
  double total = 0;
  const std::size_t compared = static_cast<std::size_t>(grey.width()) * grey.height();
  for (std::size_t i = 0; i < compared; ++i)
    total += std::abs(luma->pixels[i] - reference.get()[i]);
  // Y straight from the decoder against libvips' weighting of the decoded RGB: rounding only.
  EXPECT_LT(total / compared, 1.0);
  EXPECT_GT(total, 0.0) << "a comparison with itself would prove nothing";
}

TEST(JpegLuma, LeavesCmykToColourManagement) {
  test::start_libvips();
  const VImage ink = VImage::black(64, 48, VImage::option()->set("bands", 4)) + 100;
  VImage cmyk = ink.cast(VIPS_FORMAT_UCHAR)
                    .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_CMYK));
  void* buffer = nullptr;
  std::size_t length = 0;
  cmyk.write_to_buffer(".jpg", &buffer, &length);
  const std::unique_ptr<void, decltype(&g_free)> owner(buffer, &g_free);
  const auto luma = decode_jpeg_luma({static_cast<unsigned char*>(buffer), length}, 16);
  ASSERT_FALSE(luma);
  EXPECT_EQ(luma.error().code, ErrorCode::kUnsupported);
}

TEST(JpegLuma, ACutOffPhotoDecodesAsFarAsItGoes) {
  auto bytes = test::read_bytes(test::examples_dir() / kPhoto);
  bytes.resize(bytes.size() / 2);
  const auto luma = decode_jpeg_luma(bytes, 64);
  ASSERT_TRUE(luma) << luma.error().describe();
  EXPECT_EQ(luma->width, 375);
  EXPECT_EQ(luma->height, 250);
}

TEST(JpegLuma, NotAJpegIsAnErrorWithTheDecodersReason) {
  const std::vector<unsigned char> junk(4096, 0x42);
  const auto luma = decode_jpeg_luma(junk, 64);
  ASSERT_FALSE(luma);
  EXPECT_EQ(luma.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(luma.error().message.find("JPEG decoder: Not a JPEG file"), std::string::npos)
      << luma.error().message;
  // A header that ends before the first scan.
  auto bytes = test::read_bytes(test::examples_dir() / kPhoto);
  bytes.resize(200);
  EXPECT_FALSE(decode_jpeg_luma(bytes, 64));
}

}  // namespace
}  // namespace vern::imaging::detail
