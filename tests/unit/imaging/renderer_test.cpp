#include "imaging/renderer.h"

#include <gtest/gtest.h>

#include <exiv2/exiv2.hpp>
#include <vips/vips8>

#include "imaging/image_header.h"
#include "support/test_support.h"
#include "test_libraries.h"

namespace vern::imaging {
namespace {

namespace fs = std::filesystem;

class RendererTest : public ::testing::Test {
 protected:
  void SetUp() override { test::start_libvips(); }

  // Renders `source` to one derivative with the given long edge and encoding; returns its path.
  fs::path render(const fs::path& source, int edge, OutputFormat format = OutputFormat::kJpeg,
                  EmbeddedNotice notice = {}) {
    const auto bytes = test::read_bytes(source);
    const auto header = read_header(bytes, source.string(), 200'000'000, test::libvips());
    EXPECT_TRUE(header);
    ImagingSettings settings;
    settings.long_edges = {edge};
    settings.encodings = {{format, 90}};
    const auto plan = plan_derivatives("hash-" + source.filename().string(), header->width,
                                       header->height, settings, notice);
    const auto report = render_derivatives(test::libvips(), bytes, source.string(),
                                           std::max(header->width, header->height), plan,
                                           site_.path(), settings, notice);
    EXPECT_TRUE(report) << (report ? "" : report.error().describe());
    return site_.path() / plan.front().relative_path;
  }

  test::TempDir site_;
};

// The orientation test photo `name`, as it is or re-saved without its ICC profile. Most of them
// carry a "Generic RGB" profile, which sends them through the colour-managed decode; without a
// profile they take the direct one for sRGB JPEGs, which turns photos upright itself.
fs::path orientation_photo(const std::string& name, bool without_profile, const fs::path& folder) {
  const auto original = test::data_file("orientation/" + name);
  if (!without_profile) return original;
  auto image = vips::VImage::new_from_file(original.c_str());
  if (image.get_typeof(VIPS_META_ICC_NAME) != 0) image.remove(VIPS_META_ICC_NAME);
  const auto copy = folder / name;
  image.jpegsave(copy.c_str(), vips::VImage::option()->set("Q", 95));
  return copy;
}

TEST_F(RendererTest, AppliesExifOrientationBeforeResizing) {
  // Each test photo shows the same scene stored in one of the 8 orientations, with its number
  // drawn on it, so the upright derivatives match orientation 1 closely but not exactly. The
  // correct result must match far better than any other flip or half-turn of it would, and have
  // the upright shape (a wrong quarter-turn changes width and height).
  test::TempDir copies;
  for (const bool without_profile : {false, true}) {
    for (const std::string shape : {"landscape", "portrait"}) {
      const auto photo = [&](int orientation) {
        return vips::VImage::new_from_file(
                   render(orientation_photo(shape + "_" + std::to_string(orientation) + ".jpg",
                                            without_profile, copies.path()),
                          200)
                       .c_str())
            .cast(VIPS_FORMAT_FLOAT);
      };
      const auto upright = photo(1);
      for (int orientation = 2; orientation <= 8; ++orientation) {
        const auto turned = photo(orientation);
        const std::string which = shape + " orientation " + std::to_string(orientation) +
                                  (without_profile ? " without profile" : "");
        ASSERT_EQ(turned.width(), upright.width()) << which;
        ASSERT_EQ(turned.height(), upright.height()) << which;
        const double as_is = (upright - turned).abs().avg();
        for (const auto& wrong : {turned.flip(VIPS_DIRECTION_HORIZONTAL),
                                  turned.flip(VIPS_DIRECTION_VERTICAL), turned.rot180()}) {
          EXPECT_LT(as_is * 2, (upright - wrong).abs().avg()) << which;
        }
      }
    }
  }
}

TEST_F(RendererTest, AnOrientationThatOverrulesTheTagTurnsEveryFormatByItInstead) {
  // The same stored picture (tag 6: turned a quarter clockwise to stand upright) as a JPEG, which
  // takes the JPEG decoder's route, and as a TIFF, which takes thumbnail()'s.
  test::TempDir copies;
  const auto jpeg = test::data_file("orientation/landscape_6.jpg");
  const auto tiff = copies.path() / "landscape_6.tif";
  vips::VImage::new_from_file(jpeg.c_str()).tiffsave(tiff.c_str());
  for (const auto& file : {jpeg, tiff}) {
    const auto bytes = test::read_bytes(file);
    const auto header = read_header(bytes, file.string(), 200'000'000, test::libvips());
    ASSERT_TRUE(header) << file;
    ASSERT_EQ(header->orientation, 6) << file;
    ImagingSettings settings;
    settings.long_edges = {200};
    settings.encodings = {{OutputFormat::kJpeg, 90}};
    for (const int orientation : {0, 1, 8}) {
      // 0 keeps the tag: landscape. 1 shows it as stored: portrait. 8 turns it the other way.
      const PictureReading reading{std::nullopt, orientation};
      const bool landscape = orientation != 1;
      const int width = landscape ? header->width : header->height;
      const int height = landscape ? header->height : header->width;
      const auto plan = plan_derivatives("hash-" + file.filename().string(), width, height,
                                         settings, {}, reading);
      const auto report = render_derivatives(test::libvips(), bytes, file.string(), 600, plan,
                                             site_.path(), settings, {}, nullptr, reading);
      ASSERT_TRUE(report) << report.error().describe();
      const auto out = vips::VImage::new_from_file((site_.path() / plan[0].relative_path).c_str());
      EXPECT_EQ(out.width() > out.height(), landscape) << file << " orientation " << orientation;
    }
    // 6 and 8 are half a turn apart: the two renders are each other turned by 180°.
    const auto render_as = [&](int orientation) {
      const PictureReading reading{std::nullopt, orientation};
      const std::string hash = "turned-" + file.filename().string();
      const auto plan =
          plan_derivatives(hash, header->width, header->height, settings, {}, reading);
      EXPECT_TRUE(render_derivatives(test::libvips(), bytes, file.string(), 600, plan, site_.path(),
                                     settings, {}, nullptr, reading));
      return vips::VImage::new_from_file((site_.path() / plan[0].relative_path).c_str())
          .cast(VIPS_FORMAT_FLOAT);
    };
    const auto six = render_as(6), eight = render_as(8);
    EXPECT_LT((six - eight.rot180()).abs().avg() * 3, (six - eight).abs().avg()) << file;
  }
}

TEST_F(RendererTest, ConvertsOtherColourSpacesToSrgb) {
  // A Display P3 HEIC, and a JPEG with Apple's "Generic RGB" profile (gamma 1.8), which takes
  // the JPEG decoder's colour-managed route.
  for (const auto& [file, foreign_name] : {std::pair{"heic/IMG_5195.HEIC", "P3"},
                                           std::pair{"orientation/landscape_3.jpg", "Generic"}}) {
    const auto out = render(test::data_file(file), 400);
    const auto image = vips::VImage::new_from_file(out.c_str());
    ASSERT_NE(image.get_typeof(VIPS_META_ICC_NAME), 0u) << file;
    size_t length = 0;
    const auto* profile = static_cast<const char*>(image.get_blob(VIPS_META_ICC_NAME, &length));
    const std::string icc(profile, length);
    EXPECT_NE(icc.find("sRGB"), std::string::npos) << file;
    EXPECT_EQ(icc.find(foreign_name), std::string::npos) << file;
    // The source is converted, not just relabelled: its pixels change.
    const auto naive = vips::VImage::thumbnail(test::data_file(file).c_str(), 400,
                                               vips::VImage::option()->set("height", 400));
    const auto converted = image.cast(VIPS_FORMAT_FLOAT);
    ASSERT_EQ(naive.width(), converted.width()) << file;
    EXPECT_GT((naive.cast(VIPS_FORMAT_FLOAT) - converted).abs().avg(), 0.5) << file;
  }
}

TEST_F(RendererTest, DerivativesCarryOnlyTheNoticeAndProfile) {
  for (const auto format : {OutputFormat::kJpeg, OutputFormat::kWebp, OutputFormat::kAvif}) {
    const auto out = render(test::data_file("gps/DSCN0010.jpg"), 320, format,
                            {"Anna Petrova", "© 2019 Anna Petrova"});
    std::unique_ptr<Exiv2::Image> image(Exiv2::ImageFactory::open(out.string()).release());
    image->readMetadata();
    const auto& exif = image->exifData();
    for (const auto& datum : exif) {
      EXPECT_NE(datum.groupName(), "GPSInfo") << datum.key();
      EXPECT_NE(datum.key(), "Exif.Image.Make");
      EXPECT_NE(datum.key(), "Exif.Image.Model");
      EXPECT_NE(datum.key(), "Exif.Photo.DateTimeOriginal");
    }
    if (format != OutputFormat::kAvif) {  // exiv2 0.27 reads but does not list AVIF EXIF fully
      EXPECT_EQ(exif.findKey(Exiv2::ExifKey("Exif.Image.Artist"))->toString(), "Anna Petrova");
      EXPECT_EQ(exif.findKey(Exiv2::ExifKey("Exif.Image.Copyright"))->toString(),
                "© 2019 Anna Petrova");
    }
    for (const auto& datum : image->xmpData()) {
      // exiv2 describes ISO-BMFF containers (AVIF) with synthetic Xmp.video.* entries.
      EXPECT_TRUE(datum.key().starts_with("Xmp.video.")) << datum.key();
    }
    EXPECT_TRUE(image->iptcData().empty());
    const std::string bytes = test::read_text(out);
    EXPECT_EQ(bytes.find("COOLPIX"), std::string::npos) << "camera model leaked";
  }
}

TEST_F(RendererTest, WritesEachSizeAtItsPlannedPixelSize) {
  const auto source = test::examples_dir() / "nature/Nikon D40.jpg";
  const auto bytes = test::read_bytes(source);
  const auto header = read_header(bytes, source.string(), 200'000'000, test::libvips());
  ASSERT_TRUE(header);
  ImagingSettings settings;
  settings.long_edges = {480, 960};
  settings.encodings = {{OutputFormat::kJpeg, 80}, {OutputFormat::kWebp, 80}};
  const auto plan = plan_derivatives("d40", header->width, header->height, settings, {});
  const auto report =
      render_derivatives(test::libvips(), bytes, "d40", std::max(header->width, header->height),
                         plan, site_.path(), settings, {});
  ASSERT_TRUE(report);
  EXPECT_EQ(report->files_written, 4);
  for (const auto& d : plan) {
    const auto out = vips::VImage::new_from_file((site_.path() / d.relative_path).c_str());
    EXPECT_EQ(out.width(), d.width);
    EXPECT_EQ(out.height(), d.height);
  }
}

TEST_F(RendererTest, ShrinkOnLoadStaysFaithfulToAFullDecode) {
  // A 16 MP photo is decoded at half size by libjpeg when that still covers the size wanted.
  // The result must match a full-resolution decode resized with Lanczos 3 within a fraction of
  // a grey level on average, and be at the planned pixel size. Measured: half size 0.4 at 1600
  // px; a 1/8 decode (block means) made the 500 px size 3.0 off, a decode too small to cover
  // the size would upscale and blur.
  const auto source = test::examples_dir() / "streets/Kodak PIXPRO AZ521.jpg";
  const auto bytes = test::read_bytes(source);
  const auto header = read_header(bytes, source.string(), 200'000'000, test::libvips());
  ASSERT_TRUE(header);
  for (const int edge : {1600, 1000, 500}) {
    ImagingSettings settings;
    settings.long_edges = {edge};
    settings.encodings = {{OutputFormat::kJpeg, 100}};
    settings.sharpen_amount = 0;
    const auto plan = plan_derivatives("az521", header->width, header->height, settings, {});
    ASSERT_EQ(plan.size(), 1u);
    ASSERT_TRUE(render_derivatives(test::libvips(), bytes, "az521",
                                   std::max(header->width, header->height), plan, site_.path(),
                                   settings, {}));
    const auto out = vips::VImage::new_from_file((site_.path() / plan[0].relative_path).c_str());
    ASSERT_EQ(out.width(), plan[0].width) << edge;
    ASSERT_EQ(out.height(), plan[0].height) << edge;
    const auto reference =
        vips::VImage::new_from_file(source.c_str())
            .resize(static_cast<double>(plan[0].width) / header->width,
                    vips::VImage::option()->set(
                        "vscale", static_cast<double>(plan[0].height) / header->height));
    const double difference =
        (out.cast(VIPS_FORMAT_FLOAT) - reference.cast(VIPS_FORMAT_FLOAT)).abs().avg();
    EXPECT_LT(difference, 1.0) << edge;
  }
}

TEST_F(RendererTest, HeaderLimitRefusesOversizedImagesBeforeDecoding) {
  const auto bytes = test::read_bytes(test::data_file("orientation/landscape_1.jpg"));
  const auto header = read_header(bytes, "landscape_1.jpg", 1000, test::libvips());
  ASSERT_FALSE(header);
  EXPECT_EQ(header.error().code, ErrorCode::kTooLarge);
}

TEST_F(RendererTest, TruncatedFileIsRenderedFromWhatDecodesAndSaysSo) {
  auto bytes = test::read_bytes(test::examples_dir() / "nature/Nikon D40.jpg");
  bytes.resize(bytes.size() * 2 / 3);
  const auto header = read_header(bytes, "truncated.jpg", 200'000'000, test::libvips());
  ASSERT_TRUE(header);
  ImagingSettings settings;
  settings.long_edges = {300};
  const auto plan = plan_derivatives("corrupt", header->width, header->height, settings, {});
  const auto report =
      render_derivatives(test::libvips(), bytes, "truncated.jpg",
                         std::max(header->width, header->height), plan, site_.path(), settings, {});
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->partial_decode);
  EXPECT_FALSE(report->decode_problem.empty());
  EXPECT_TRUE(fs::exists(site_.path() / plan[0].relative_path));
}

}  // namespace
}  // namespace vern::imaging
