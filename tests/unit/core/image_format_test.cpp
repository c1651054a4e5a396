#include "core/image_format.h"

#include <gtest/gtest.h>

#include <map>

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

std::optional<ImageFormat> sniff_text(const std::string& s) {
  return sniff_image_format(std::span(reinterpret_cast<const unsigned char*>(s.data()), s.size()));
}

TEST(ImageFormat, RecognisesCameraRawSignatures) {
  EXPECT_EQ(sniff_text(std::string("II\x1A\0\0\0HEAPCCDR", 14)), ImageFormat::kRaw);    // CRW
  EXPECT_EQ(sniff_text(std::string("\0MRM\0\0\x01\x00\0PRD", 12)), ImageFormat::kRaw);  // MRW
  EXPECT_EQ(sniff_text("FOVb\x04\0\x02\0"), ImageFormat::kRaw);                         // X3F
  EXPECT_EQ(sniff_text(std::string("\0\0\0\x18"
                                   "ftypcrx \0\0\0\x01",
                                   16)),
            ImageFormat::kRaw);
}

TEST(ImageFormat, RecognisesTheRealRawSamples) {
  const std::map<std::string, ImageFormat> expected = {
      {"canon_eos_d30.crw", ImageFormat::kRaw},
      {"canon_1ds3_truncated.cr2", ImageFormat::kRaw},
      {"canon_eos_r6_pruned.cr3", ImageFormat::kRaw},
      {"nikon_d7100_truncated.nef", ImageFormat::kRaw},
      {"sony_slt-a55_truncated.arw", ImageFormat::kRaw},
      {"canon_eos_6d_lossy.dng", ImageFormat::kRaw},
  };
  for (const auto& [name, format] : expected) {
    const auto bytes = test::read_bytes(test::shared_photos() / "raw" / name);
    EXPECT_EQ(photo_format(std::span(bytes.data(), kFormatSniffBytes), name), format) << name;
  }
}

TEST(ImageFormat, ATiffNamedAsACameraRawIsRawAndOnlyThen) {
  const std::string tiff = std::string("II*\0\x08\0\0\0", 8) + "\x10\0\0\0\0\0\0\0";
  const auto head = std::span(reinterpret_cast<const unsigned char*>(tiff.data()), tiff.size());
  EXPECT_EQ(photo_format(head, "DSC_0001.NEF"), ImageFormat::kRaw);
  EXPECT_EQ(photo_format(head, "album/IMG_2.dng"), ImageFormat::kRaw);
  EXPECT_EQ(photo_format(head, "scan.tif"), ImageFormat::kTiff);
  EXPECT_EQ(photo_format(head, "no-extension"), ImageFormat::kTiff);
  // The content decides first: a JPEG named .nef is a JPEG.
  const std::string jpeg("\xFF\xD8\xFF\xE0", 4);
  EXPECT_EQ(
      photo_format(std::span(reinterpret_cast<const unsigned char*>(jpeg.data()), 4), "x.nef"),
      ImageFormat::kJpeg);
}

TEST(ImageFormat, RawKindIsTheLowerCaseExtensionOfARawOnly) {
  EXPECT_EQ(raw_kind("/photos/DSC_0001.NEF"), "nef");
  EXPECT_EQ(raw_kind("IMG_1.cr3"), "cr3");
  EXPECT_EQ(raw_kind("IMG_1.jpg"), "");
  EXPECT_EQ(raw_kind(".nef"), "");
  EXPECT_TRUE(is_raw_extension("ARW"));
  EXPECT_FALSE(is_raw_extension("tiff"));
}

}  // namespace
}  // namespace vern
