#include "imaging/perceptual_hash.h"

#include <gtest/gtest.h>

#include "imaging/image_header.h"
#include "metadata/metadata_reader.h"
#include "support/test_support.h"
#include "test_libraries.h"

namespace vern::imaging {
namespace {

PerceptualHash hash_file(const std::filesystem::path& file, bool use_thumbnail = true) {
  const auto bytes = test::read_bytes(file);
  std::vector<unsigned char> thumbnail;
  EXPECT_TRUE(metadata::read_metadata(bytes, file.string(), &thumbnail));
  const auto header = read_header(bytes, file.string(), 1LL << 40, test::libvips());
  EXPECT_TRUE(header);
  auto hash = perceptual_hash(bytes, use_thumbnail ? thumbnail : std::vector<unsigned char>{},
                              *header, file.string(), test::libvips());
  EXPECT_TRUE(hash) << hash.error().describe();
  return hash ? *hash : PerceptualHash{};
}

TEST(PerceptualHash, EveryOrientationOfOnePictureHashesAlike) {
  const auto upright = hash_file(test::data_file("orientation/landscape_1.jpg"));
  const auto portrait = hash_file(test::data_file("orientation/portrait_1.jpg"));
  for (int o = 2; o <= 8; ++o) {
    const auto turned =
        hash_file(test::data_file("orientation/landscape_" + std::to_string(o) + ".jpg"));
    EXPECT_LE(hamming_distance(upright.bits, turned.bits), 6) << "orientation " << o;
  }
  EXPECT_GE(hamming_distance(upright.bits, portrait.bits), 24);
}

TEST(PerceptualHash, TheThumbnailStandsForThePhoto) {
  const auto file = test::examples_dir() / "streets" / "Nikon D90.jpg";
  const auto from_thumbnail = hash_file(file);
  const auto from_pixels = hash_file(file, false);
  EXPECT_TRUE(from_thumbnail.from_embedded_thumbnail);
  EXPECT_FALSE(from_pixels.from_embedded_thumbnail);
  EXPECT_LE(hamming_distance(from_thumbnail.bits, from_pixels.bits), 6);
}

TEST(PerceptualHash, ALightroomExportIsHashedFromItsPhotoshopThumbnail) {
  const auto file =
      test::examples_dir() / "machines/Canon EOS-1D Mark III (via Adobe Lightroom).jpg";
  const auto from_thumbnail = hash_file(file);
  EXPECT_TRUE(from_thumbnail.from_embedded_thumbnail);
  EXPECT_LE(hamming_distance(from_thumbnail.bits, hash_file(file, false).bits), 6);
}

TEST(PerceptualHash, ThumbnailsOfTurnedPhotosAreTurnedLikeThePhoto) {
  // EXIF orientations 3, 6 and 8 with camera thumbnails: a thumbnail turned the wrong way would
  // be about 32 bits from the decoded photo.
  for (const char* name :
       {"machines/Canon EOS 20D (2).jpg", "nature/Apple iPhone 5.jpg",
        "nature/Leica T (Typ 701).jpg", "nature/Nikon D40.jpg", "nature/Panasonic LZ2.jpg"}) {
    const auto file = test::examples_dir() / name;
    const auto from_thumbnail = hash_file(file);
    ASSERT_TRUE(from_thumbnail.from_embedded_thumbnail) << name;
    EXPECT_LE(hamming_distance(from_thumbnail.bits, hash_file(file, false).bits), 8) << name;
  }
}

TEST(PerceptualHash, DistinctDemoPhotosAreFarApart) {
  std::vector<std::pair<std::string, std::uint64_t>> hashes;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(test::examples_dir())) {
    if (entry.path().extension() == ".jpg") {
      hashes.emplace_back(entry.path().filename(), hash_file(entry.path()).bits);
    }
  }
  ASSERT_EQ(hashes.size(), 23u);
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    for (std::size_t j = i + 1; j < hashes.size(); ++j) {
      EXPECT_GE(hamming_distance(hashes[i].second, hashes[j].second), 18)
          << hashes[i].first << " / " << hashes[j].first;
    }
  }
}

TEST(PerceptualHash, ABrokenFileIsAnErrorNamingIt) {
  const std::vector<unsigned char> junk(4096, 0x42);
  ImageHeader header{640, 480, 1, "jpegload_buffer"};
  const auto hash = perceptual_hash(junk, {}, header, "junk.jpg", test::libvips());
  ASSERT_FALSE(hash);
  EXPECT_EQ(hash.error().path, "junk.jpg");
}

}  // namespace
}  // namespace vern::imaging
