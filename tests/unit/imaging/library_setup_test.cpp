#include "imaging/library_setup.h"

#include <gtest/gtest.h>

#include <vips/vips8>

#include "imaging/image_header.h"
#include "support/test_support.h"

// libvips is started by the imaging test binary's global environment (perceptual_hash_test.cpp),
// through LibrarySetup, as main() starts it.

namespace vern::imaging {
namespace {

bool has_operation(const char* name) { return vips_type_find("VipsOperation", name) != 0; }

TEST(LibrarySetup, OpensTheModulesPhotosNeed) {
  EXPECT_TRUE(has_operation("heifload_buffer")) << "HEIC and AVIF photos";
  EXPECT_TRUE(has_operation("heifsave_buffer")) << "AVIF derivatives";
  EXPECT_TRUE(has_operation("magickload_buffer")) << "camera RAW formats";
  const auto bytes = test::read_bytes(test::data_file("heic/IMG_5195.HEIC"));
  const auto header = read_header(bytes, "IMG_5195.HEIC", 1LL << 40);
  ASSERT_TRUE(header) << header.error().describe();
}

TEST(LibrarySetup, LeavesOutModulesNoPhotoNeeds) {
  // PDF and slide scanners' formats: 13 ms of start-up that no photo needs.
  EXPECT_FALSE(has_operation("pdfload_buffer"));
  EXPECT_FALSE(has_operation("openslideload"));
  EXPECT_EQ(std::getenv("VIPSHOME"), nullptr) << "the environment is left as it was found";
}

}  // namespace
}  // namespace vern::imaging
