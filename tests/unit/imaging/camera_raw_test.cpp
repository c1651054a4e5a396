// Camera RAW through LibRaw (imaging/libvips_module/camera_raw.h), on the real samples in
// ../shared/photos/raw and on DNGs written here from Bayer data.
#include <gtest/gtest.h>
#include <tiffio.h>

#include <array>
#include <cmath>
#include <vips/vips8>

#include "imaging/image_header.h"
#include "imaging/renderer.h"
#include "support/test_support.h"
#include "test_libraries.h"

namespace vern::imaging {
namespace {

namespace fs = std::filesystem;

fs::path sample(const std::string& name) { return test::shared_photos() / "raw" / name; }

struct Rendered {
  vips::VImage image;
  RenderReport report;
};

class CameraRawTest : public ::testing::Test {
 protected:
  void SetUp() override { test::start_libvips(); }

  Result<ImageHeader> header_of(const fs::path& file, long long max_pixels = 200'000'000) {
    const auto bytes = test::read_bytes(file);
    return read_header(bytes, file.filename().string(), max_pixels, test::libvips());
  }

  // `file` rendered through `mode` to one JPEG of long edge `edge` (at most the photo's).
  Result<Rendered> render(const fs::path& file, RawMode mode, int edge, int orientation = 0) {
    const auto bytes = test::read_bytes(file);
    const auto header = header_of(file);
    if (!header) return tl::unexpected(header.error());
    ImagingSettings settings;
    settings.long_edges = {edge};
    settings.encodings = {{OutputFormat::kJpeg, 95}};
    settings.sharpen_amount = 0;
    PictureReading reading{mode, orientation};
    int width = header->width, height = header->height;
    if (orientation != 0 && (orientation >= 5) != (header->orientation >= 5)) {
      std::swap(width, height);
    }
    const auto plan =
        plan_derivatives(file.filename().string(), width, height, settings, {}, reading);
    auto report = render_derivatives(test::libvips(), bytes, file.filename().string(),
                                     std::max(header->width, header->height), plan, site_.path(),
                                     settings, {}, nullptr, reading);
    if (!report) return tl::unexpected(report.error());
    return Rendered{vips::VImage::new_from_file((site_.path() / plan[0].relative_path).c_str()),
                    *report};
  }

  test::TempDir site_;
};

std::array<double, 3> mean_rgb(const vips::VImage& image) {
  return {image.extract_band(0).avg(), image.extract_band(1).avg(), image.extract_band(2).avg()};
}

TEST_F(CameraRawTest, HeadersGiveTheSizeThatCanBeShown) {
  struct Expected {
    const char* name;
    int width, height;
    bool preview_only;
  };
  for (const auto& e : {Expected{"canon_eos_d30.crw", 2176, 1448, false},
                        Expected{"blackmagic_pocket4k.dng", 4128, 2176, false},
                        Expected{"canon_eos_6d_lossy.dng", 1224, 816, false},
                        Expected{"lg_h815_lossy_1mp.dng", 600, 338, false},
                        // Sensor data cut: the camera's preview is what can be shown.
                        Expected{"nikon_d7100_truncated.nef", 6000, 4000, true},
                        Expected{"sony_slt-a55_truncated.arw", 1616, 1080, true}}) {
    const auto header = header_of(sample(e.name));
    ASSERT_TRUE(header) << e.name << ": " << header.error().describe();
    EXPECT_EQ(header->loader, "libraw") << e.name;
    EXPECT_EQ(header->width, e.width) << e.name;
    EXPECT_EQ(header->height, e.height) << e.name;
    EXPECT_EQ(header->preview_only, e.preview_only) << e.name;
  }
  // LibRaw 0.20 knows neither this CR3's camera nor a CR2 cut this short: a named refusal.
  for (const char* name : {"canon_eos_r6_pruned.cr3", "canon_1ds3_truncated.cr2"}) {
    const auto header = header_of(sample(name));
    ASSERT_FALSE(header) << name;
    EXPECT_EQ(header.error().code, ErrorCode::kUnsupported) << name;
    EXPECT_NE(header.error().message.find("LibRaw"), std::string::npos);
  }
}

TEST_F(CameraRawTest, LibrawReadsTheCameraForFormatsExivCannot) {
  const auto header = header_of(sample("canon_eos_d30.crw"));
  ASSERT_TRUE(header);
  EXPECT_EQ(header->camera_facts.camera_model, "EOS D30");
  EXPECT_EQ(header->camera_facts.iso, 100);
  EXPECT_EQ(header->camera_facts.taken_at, "2018-01-01T13:03:32");
}

TEST_F(CameraRawTest, PreviewAndDevelopAgreeUprightInSrgbAtThePlannedSize) {
  // The samples that hold both a whole preview and whole sensor data, at an edge every preview
  // covers (the LG's is 256 px). The development is LibRaw's (camera white balance, auto
  // brightness), the preview the camera's own rendering: measured here, their mean channels
  // differ by at most 26 levels of 255 (the D30's blue: LibRaw's white balance is cooler than the
  // camera's; the LG's preview is 26 levels brighter). A lost channel, swapped channels or
  // linear instead of sRGB values differ by far more.
  constexpr double kTolerance = 30;
  for (const char* name :
       {"canon_eos_d30.crw", "canon_eos_6d_lossy.dng", "lg_h815_lossy_1mp.dng"}) {
    const auto preview = render(sample(name), RawMode::kPreview, 256);
    const auto developed = render(sample(name), RawMode::kDevelop, 256);
    ASSERT_TRUE(preview) << name << ": " << preview.error().describe();
    ASSERT_TRUE(developed) << name << ": " << developed.error().describe();
    for (const auto* r : {&*preview, &*developed}) {
      EXPECT_EQ(std::max(r->image.width(), r->image.height()), 256) << name;
      EXPECT_GT(r->image.width(), r->image.height()) << name;  // landscape, as shot
      EXPECT_EQ(r->image.bands(), 3) << name;
      EXPECT_EQ(r->image.interpretation(), VIPS_INTERPRETATION_sRGB) << name;
      EXPECT_FALSE(r->report.partial_decode) << name;
    }
    EXPECT_EQ(preview->image.width(), developed->image.width()) << name;
    EXPECT_EQ(preview->image.height(), developed->image.height()) << name;
    const auto a = mean_rgb(preview->image), b = mean_rgb(developed->image);
    for (int c = 0; c < 3; ++c) {
      EXPECT_NEAR(a[c], b[c], kTolerance) << name << " channel " << c;
    }
  }
}

TEST_F(CameraRawTest, APreviewTooSmallForTheSizeIsDevelopedInstead) {
  // The LG's preview is 256 px wide; a 600 px derivative needs the sensor data.
  const auto rendered = render(sample("lg_h815_lossy_1mp.dng"), RawMode::kPreview, 600);
  ASSERT_TRUE(rendered) << rendered.error().describe();
  EXPECT_EQ(rendered->image.width(), 600);
  const auto as_developed = render(sample("lg_h815_lossy_1mp.dng"), RawMode::kDevelop, 600);
  ASSERT_TRUE(as_developed);
  EXPECT_LT((rendered->image - as_developed->image).abs().avg(), 0.5);
}

TEST_F(CameraRawTest, CutShortSensorDataIsShownFromThePreviewAndSaidSo) {
  for (const char* name : {"nikon_d7100_truncated.nef", "sony_slt-a55_truncated.arw"}) {
    const auto rendered = render(sample(name), RawMode::kDevelop, 960);
    ASSERT_TRUE(rendered) << name << ": " << rendered.error().describe();
    EXPECT_EQ(rendered->image.width(), 960) << name;
    EXPECT_TRUE(rendered->report.partial_decode) << name;
    EXPECT_NE(rendered->report.decode_problem.find("cut short"), std::string::npos);
    // A picture, not the noise LibRaw makes of the missing data: the preview's mean is mid-grey,
    // not clipped.
    const double mean = rendered->image.avg();
    EXPECT_GT(mean, 30) << name;
    EXPECT_LT(mean, 225) << name;
  }
}

TEST_F(CameraRawTest, APhotoWithoutPreviewIsDevelopedInEitherMode) {
  const auto rendered = render(sample("blackmagic_pocket4k.dng"), RawMode::kPreview, 480);
  ASSERT_TRUE(rendered) << rendered.error().describe();
  EXPECT_EQ(rendered->image.width(), 480);
  EXPECT_EQ(rendered->image.height(), 253);
}

TEST_F(CameraRawTest, TheMegapixelLimitRefusesBeforeDecoding) {
  const auto header = header_of(sample("blackmagic_pocket4k.dng"), 1'000'000);
  ASSERT_FALSE(header);
  EXPECT_EQ(header.error().code, ErrorCode::kTooLarge);
}

// A DNG written from Bayer data (RGGB, 16-bit): the stored picture's left half bright, its right
// half dark, tagged with `orientation`.
fs::path write_bayer_dng(const fs::path& file, int orientation) {
  constexpr int kWidth = 512, kHeight = 384;
  TIFF* tif = TIFFOpen(file.c_str(), "w");
  EXPECT_NE(tif, nullptr);
  const uint8_t dng_version[] = {1, 4, 0, 0};
  const uint16_t cfa_dim[] = {2, 2};
  const uint8_t cfa_pattern[] = {0, 1, 1, 2};  // R G / G B
  const float colour_matrix[] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  const float neutral[] = {1, 1, 1};
  TIFFSetField(tif, TIFFTAG_SUBFILETYPE, 0);
  TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, kWidth);
  TIFFSetField(tif, TIFFTAG_IMAGELENGTH, kHeight);
  TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 16);
  TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
  TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_NONE);
  TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, 32803);  // colour filter array
  TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField(tif, TIFFTAG_ORIENTATION, orientation);
  TIFFSetField(tif, TIFFTAG_MAKE, "Vernissage");
  TIFFSetField(tif, TIFFTAG_MODEL, "Test Bayer");
  TIFFSetField(tif, TIFFTAG_DNGVERSION, dng_version);
  TIFFSetField(tif, TIFFTAG_UNIQUECAMERAMODEL, "Vernissage Test Bayer");
  TIFFSetField(tif, TIFFTAG_CFAREPEATPATTERNDIM, cfa_dim);
  TIFFSetField(tif, TIFFTAG_CFAPATTERN, 4, cfa_pattern);
  TIFFSetField(tif, TIFFTAG_COLORMATRIX1, 9, colour_matrix);
  TIFFSetField(tif, TIFFTAG_ASSHOTNEUTRAL, 3, neutral);
  TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, kHeight);
  std::vector<uint16_t> row(kWidth);
  for (int y = 0; y < kHeight; ++y) {
    for (int x = 0; x < kWidth; ++x) row[x] = x < kWidth / 2 ? 40000 : 2000;
    TIFFWriteScanline(tif, row.data(), y, 0);
  }
  TIFFClose(tif);
  return file;
}

TEST_F(CameraRawTest, ADevelopedRawIsTurnedUprightByItsOrientation) {
  // Orientation 6: the stored picture is turned a quarter clockwise to stand upright, so its
  // bright left half ends on top.
  const auto dng = write_bayer_dng(site_.path() / "turned.dng", 6);
  const auto header = header_of(dng);
  ASSERT_TRUE(header) << header.error().describe();
  EXPECT_EQ(header->orientation, 6);
  EXPECT_EQ(header->width, 384);
  EXPECT_EQ(header->height, 512);
  const auto rendered = render(dng, RawMode::kDevelop, 256);
  ASSERT_TRUE(rendered) << rendered.error().describe();
  ASSERT_EQ(rendered->image.width(), 192);
  ASSERT_EQ(rendered->image.height(), 256);
  const double top = rendered->image.crop(0, 0, 192, 100).avg();
  const double bottom = rendered->image.crop(0, 156, 192, 100).avg();
  EXPECT_GT(top, bottom + 100) << "top " << top << ", bottom " << bottom;

  // The photographer's orientation overrules the file's: 1 keeps it as stored.
  const auto as_stored = render(dng, RawMode::kDevelop, 256, 1);
  ASSERT_TRUE(as_stored) << as_stored.error().describe();
  EXPECT_EQ(as_stored->image.width(), 256);
  EXPECT_GT(as_stored->image.crop(0, 0, 100, 192).avg(),
            as_stored->image.crop(156, 0, 100, 192).avg() + 100);
  // A mirrored orientation too (LibRaw's own flip has none): 2 puts the bright half on the right.
  const auto mirrored = render(dng, RawMode::kDevelop, 256, 2);
  ASSERT_TRUE(mirrored) << mirrored.error().describe();
  EXPECT_EQ(mirrored->image.width(), 256);
  EXPECT_GT(mirrored->image.crop(156, 0, 100, 192).avg(),
            mirrored->image.crop(0, 0, 100, 192).avg() + 100);
}

}  // namespace
}  // namespace vern::imaging
