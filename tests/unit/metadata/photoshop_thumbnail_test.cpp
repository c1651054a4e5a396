#include "metadata/detail/photoshop_thumbnail.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "metadata/metadata_reader.h"
#include "support/test_support.h"

namespace vern::metadata::detail {
namespace {

using Bytes = std::vector<unsigned char>;

const std::string kLightroomExport = "machines/Canon EOS-1D Mark III (via Adobe Lightroom).jpg";

void append_big_endian(Bytes& out, std::uint32_t value, int bytes) {
  for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) out.push_back((value >> shift) & 0xFF);
}

// A JPEG made of SOI, one APP13 segment holding `resources`, and EOI.
Bytes jpeg_with_app13(const Bytes& resources) {
  Bytes jpeg = {0xFF, 0xD8, 0xFF, 0xED};
  const std::string signature("Photoshop 3.0\0", 14);
  append_big_endian(jpeg, static_cast<std::uint32_t>(2 + signature.size() + resources.size()), 2);
  jpeg.insert(jpeg.end(), signature.begin(), signature.end());
  jpeg.insert(jpeg.end(), resources.begin(), resources.end());
  jpeg.insert(jpeg.end(), {0xFF, 0xD9});
  return jpeg;
}

// One image resource block: "8BIM", id, an empty name, the data size, the data.
Bytes resource_block(std::uint16_t id, const Bytes& data, std::uint32_t declared_size) {
  Bytes block = {'8', 'B', 'I', 'M'};
  append_big_endian(block, id, 2);
  block.insert(block.end(), {0, 0});  // empty Pascal name, padded to even length
  append_big_endian(block, declared_size, 4);
  block.insert(block.end(), data.begin(), data.end());
  if (block.size() % 2 != 0) block.push_back(0);
  return block;
}

// A thumbnail resource's data: the 28-byte header (format 1 = JFIF) and `jfif`.
Bytes thumbnail_resource(const Bytes& jfif) {
  Bytes data;
  append_big_endian(data, 1, 4);
  for (int i = 0; i < 5; ++i) append_big_endian(data, 0, 4);
  append_big_endian(data, 24, 2);
  append_big_endian(data, 1, 2);
  data.insert(data.end(), jfif.begin(), jfif.end());
  return data;
}

TEST(PhotoshopThumbnail, ALightroomExportYieldsItsEmbeddedJpeg) {
  const auto bytes = test::read_bytes(test::examples_dir() / kLightroomExport);
  const auto thumbnail = photoshop_thumbnail(bytes);
  // exiftool -b -PhotoshopThumbnail extracts the same 11,901-byte JPEG (256 × 171).
  ASSERT_EQ(thumbnail.size(), 11901u);
  EXPECT_EQ(thumbnail[0], 0xFF);
  EXPECT_EQ(thumbnail[1], 0xD8);
  EXPECT_EQ(thumbnail[thumbnail.size() - 2], 0xFF);
  EXPECT_EQ(thumbnail[thumbnail.size() - 1], 0xD9);
}

TEST(PhotoshopThumbnail, ReadMetadataHandsItBackWhenThereIsNoExifThumbnail) {
  const auto bytes = test::read_bytes(test::examples_dir() / kLightroomExport);
  std::vector<unsigned char> thumbnail;
  ASSERT_TRUE(read_metadata(bytes, kLightroomExport, &thumbnail));
  ASSERT_FALSE(thumbnail.empty());
  EXPECT_EQ(thumbnail, photoshop_thumbnail(bytes));
}

TEST(PhotoshopThumbnail, ACameraJpegHasNone) {
  EXPECT_TRUE(
      photoshop_thumbnail(test::read_bytes(test::examples_dir() / "nature/Nikon D40.jpg")).empty());
}

TEST(PhotoshopThumbnail, ASyntheticResourceIsFound) {
  const Bytes jfif = {0xFF, 0xD8, 1, 2, 3, 0xFF, 0xD9};
  const auto data = thumbnail_resource(jfif);
  Bytes resources = resource_block(0x0404, {1, 2, 3}, 3);  // an IPTC block first
  const auto block = resource_block(0x040C, data, static_cast<std::uint32_t>(data.size()));
  resources.insert(resources.end(), block.begin(), block.end());
  EXPECT_EQ(photoshop_thumbnail(jpeg_with_app13(resources)), jfif);
}

TEST(PhotoshopThumbnail, HostileResourcesYieldNothing) {
  const auto data = thumbnail_resource({0xFF, 0xD8, 0xFF, 0xD9});
  // A block claiming more data than the segment holds.
  EXPECT_TRUE(
      photoshop_thumbnail(jpeg_with_app13(resource_block(0x040C, data, 0xFFFFFFF0))).empty());
  // A thumbnail in another format than JFIF (raw pixels), and one too short for its header.
  auto raw = data;
  raw[3] = 0;
  EXPECT_TRUE(photoshop_thumbnail(jpeg_with_app13(resource_block(
                                      0x040C, raw, static_cast<std::uint32_t>(raw.size()))))
                  .empty());
  EXPECT_TRUE(photoshop_thumbnail(jpeg_with_app13(resource_block(0x040C, {1, 2, 3}, 3))).empty());
  // The segment cut off in the middle, and bytes that are no JPEG at all.
  auto cut = jpeg_with_app13(resource_block(0x040C, data, static_cast<std::uint32_t>(data.size())));
  cut.resize(cut.size() / 2);
  EXPECT_TRUE(photoshop_thumbnail(cut).empty());
  EXPECT_TRUE(photoshop_thumbnail(Bytes{}).empty());
  EXPECT_TRUE(photoshop_thumbnail(Bytes(64, 0xFF)).empty());
}

}  // namespace
}  // namespace vern::metadata::detail
