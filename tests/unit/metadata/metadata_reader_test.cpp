#include "metadata/metadata_reader.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "metadata/library_setup.h"
#include "support/test_support.h"

namespace vern::metadata {
namespace {

class MetadataTest : public ::testing::Test {
 protected:
  static PhotoMetadata read(const std::filesystem::path& file) {
    const auto bytes = test::read_bytes(file);
    auto result = read_metadata(bytes, file.string());
    EXPECT_TRUE(result) << (result ? "" : result.error().describe());
    return result ? *result : PhotoMetadata{};
  }
  LibrarySetup setup_;
};

TEST_F(MetadataTest, ReadsGpsFromTaggedPhotos) {
  const auto m = read(test::data_file("gps/DSCN0010.jpg"));
  ASSERT_TRUE(m.gps);
  EXPECT_NEAR(m.gps->latitude, 43.4674483, 1e-6);
  EXPECT_NEAR(m.gps->longitude, 11.8851267, 1e-6);
}

TEST_F(MetadataTest, ReadsCameraAndExposure) {
  const auto m = read(test::data_file("gps/DSCN0010.jpg"));
  EXPECT_EQ(m.camera_make, "NIKON");
  EXPECT_EQ(m.camera_model, "COOLPIX P6000");
  EXPECT_EQ(m.taken_at, "2008-10-22T16:28:39");
  EXPECT_DOUBLE_EQ(*m.aperture, 5.9);
  EXPECT_NEAR(*m.exposure_time_s, 1.0 / 75, 1e-6);
  EXPECT_EQ(m.iso, 64);
  EXPECT_DOUBLE_EQ(*m.focal_length_mm, 24);
}

TEST_F(MetadataTest, FindsTheLensInMakerNotes) {
  const auto m = read(test::examples_dir() / "streets/Nikon D90.jpg");
  ASSERT_TRUE(m.lens);
  EXPECT_NE(m.lens->find("24"), std::string::npos) << *m.lens;
}

// The XMP toolkit under exiv2 is not thread-safe: without the lock LibrarySetup gives it, one
// read in five of the demo build lost this photo's XMP (its lens is only in Xmp.aux.Lens).
TEST_F(MetadataTest, ReadsXmpAlikeFromManyThreadsAtOnce) {
  const auto bytes = test::read_bytes(test::examples_dir() /
                                      "machines/Canon EOS-1D Mark III (via Adobe Lightroom).jpg");
  const auto xmp_only = test::read_bytes(test::data_file("captions/xmp_only.jpg"));
  constexpr int kThreads = 4;
  constexpr int kReadsPerThread = 60;
  std::atomic<int> lens_found = 0;
  std::atomic<int> title_found = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kReadsPerThread; ++i) {
        const auto lightroom = read_metadata(bytes, "lightroom.jpg");
        if (lightroom && lightroom->lens == "EF70-200mm f/2.8L IS USM") ++lens_found;
        const auto xmp = read_metadata(xmp_only, "xmp_only.jpg");
        if (xmp && xmp->title == "Красная площадь") ++title_found;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(lens_found, kThreads * kReadsPerThread);
  EXPECT_EQ(title_found, kThreads * kReadsPerThread);
}

TEST_F(MetadataTest, ReadsEveryOrientation) {
  for (int orientation = 1; orientation <= 8; ++orientation) {
    const auto m =
        read(test::data_file("orientation/portrait_" + std::to_string(orientation) + ".jpg"));
    EXPECT_EQ(m.orientation, orientation);
    // Dimensions are as displayed: every portrait file is taller than wide once oriented.
    ASSERT_TRUE(m.width && m.height);
    EXPECT_LT(*m.width, *m.height) << "orientation " << orientation;
  }
}

TEST_F(MetadataTest, ReadsIptcCaptionTitleKeywordsAndCredit) {
  const auto m = read(test::data_file("captions/iptc_only.jpg"));
  EXPECT_EQ(m.title, "Red Square performers");
  EXPECT_EQ(m.caption, "Street performers on Red Square at dusk");
  EXPECT_EQ(m.keywords, (std::vector<std::string>{"Moscow", "street"}));
  EXPECT_EQ(m.creator, "Anna Petrova");
  EXPECT_EQ(m.copyright, "© 2019 Anna Petrova");
}

TEST_F(MetadataTest, ReadsXmpCaptionKeywordsHierarchyRatingAndDate) {
  const auto m = read(test::data_file("captions/xmp_only.jpg"));
  EXPECT_EQ(m.title, "Красная площадь");
  EXPECT_EQ(m.caption, "Вечер на Красной площади");
  EXPECT_EQ(m.creator, "Анна Петрова");
  EXPECT_EQ(m.rating, 4);
  EXPECT_EQ(m.taken_at, "2019-05-01T19:45:10+03:00");
  EXPECT_EQ(m.keywords,
            (std::vector<std::string>{"Москва", "Siberia", "Places", "Europe", "Paris"}));
}

TEST_F(MetadataTest, IgnoresCameraPlaceholderDescriptions) {
  const auto m = read(test::examples_dir() / "nature/Samsung S730.jpg");
  EXPECT_EQ(m.caption, std::nullopt);
}

TEST_F(MetadataTest, SurvivesMalformedMetadata) {
  for (const char* name :
       {"hostile/33-type_error.jpg", "hostile/67-0_length_string.jpg", "hostile/32-lens_data.jpeg",
        "invalid/image01551.jpg", "invalid/image00971.jpg", "invalid/corrupted.jpg"}) {
    const auto bytes = test::read_bytes(test::data_file(name));
    EXPECT_NO_THROW({ (void)read_metadata(bytes, name); }) << name;
  }
}

TEST_F(MetadataTest, RefusesBytesThatAreNoImage) {
  const std::string text = "not an image at all";
  const auto result = read_metadata(
      std::span(reinterpret_cast<const unsigned char*>(text.data()), text.size()), "notes.jpg");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().path, "notes.jpg");
}

}  // namespace
}  // namespace vern::metadata
