#include "core/image_format.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace vern {
namespace {

std::optional<ImageFormat> sniff_file(const std::string& relative) {
  const auto bytes = test::read_bytes(test::data_file(relative));
  return sniff_image_format(
      std::span(bytes.data(), std::min<std::size_t>(bytes.size(), kFormatSniffBytes)));
}

TEST(ImageFormat, RecognisesRealFilesByContent) {
  EXPECT_EQ(sniff_file("orientation/landscape_1.jpg"), ImageFormat::kJpeg);
  EXPECT_EQ(sniff_file("heic/IMG_5195.HEIC"), ImageFormat::kHeif);
  EXPECT_EQ(sniff_file("tiff/Arbitro.tiff"), ImageFormat::kTiff);
}

TEST(ImageFormat, RecognisesSignaturesOfOtherFormats) {
  const std::string png("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);
  const std::string webp("RIFF\x10\0\0\0WEBPVP8 ", 16);
  const std::string avif = std::string("\0\0\0\x1C", 4) + "ftypavif\0\0\0\0";
  const std::string cr2 = std::string("II*\0\x10\0\0\0", 8) + "CR\x02\0\0\0\0\0";
  const auto sniff = [](const std::string& s) {
    return sniff_image_format(
        std::span(reinterpret_cast<const unsigned char*>(s.data()), s.size()));
  };
  EXPECT_EQ(sniff(png), ImageFormat::kPng);
  EXPECT_EQ(sniff(webp), ImageFormat::kWebp);
  EXPECT_EQ(sniff(avif), ImageFormat::kAvif);
  EXPECT_EQ(sniff(cr2), ImageFormat::kRaw);
  EXPECT_EQ(sniff("plain text, not an image"), std::nullopt);
  EXPECT_EQ(sniff(""), std::nullopt);
}

}  // namespace
}  // namespace vern
