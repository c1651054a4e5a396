#include "imaging/libvips.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <vips/vips8>

#include "imaging/image_header.h"
#include "imaging/perceptual_hash.h"
#include "metadata/metadata_reader.h"
#include "support/test_support.h"
#include "test_libraries.h"

namespace vern::imaging {
namespace {

bool has_operation(const char* name) { return vips_type_find("VipsOperation", name) != 0; }

TEST(Libvips, ModuleIsFoundInTheBuild) {
  const auto module = Libvips::find_module();
  ASSERT_TRUE(module) << module.error().describe();
  EXPECT_EQ(module->filename(), "vernissage-libvips.so");
}

TEST(Libvips, JpegsAreReadAndHashedWithoutLoadingIt) {
  // A Libvips of its own, which nothing else has asked for libvips.
  const Libvips libvips("imaging_tests", 0);
  for (const char* name : {"orientation/landscape_6.jpg", "orientation/portrait_3.jpg"}) {
    const auto bytes = test::read_bytes(test::data_file(name));
    std::vector<unsigned char> thumbnail;
    ASSERT_TRUE(metadata::read_metadata(bytes, name, &thumbnail));
    const auto header = read_header(bytes, name, 1LL << 40, libvips);
    ASSERT_TRUE(header) << header.error().describe();
    EXPECT_TRUE(perceptual_hash(bytes, thumbnail, *header, name, libvips));
    EXPECT_TRUE(perceptual_hash(bytes, {}, *header, name, libvips)) << "from the pixels";
  }
  EXPECT_FALSE(libvips.loaded());
}

TEST(Libvips, IsLoadedWhenAPhotoNeedsIt) {
  const auto bytes = test::read_bytes(test::data_file("heic/IMG_5195.HEIC"));
  const auto header = read_header(bytes, "IMG_5195.HEIC", 1LL << 40, test::libvips());
  ASSERT_TRUE(header) << header.error().describe();
  EXPECT_EQ(header->loader, "heifload_buffer");
  EXPECT_TRUE(test::libvips().loaded());
}

TEST(Libvips, OpensTheModulesPhotosNeed) {
  test::start_libvips();
  EXPECT_TRUE(has_operation("heifload_buffer")) << "HEIC and AVIF photos";
  EXPECT_TRUE(has_operation("heifsave_buffer")) << "AVIF derivatives";
  EXPECT_TRUE(has_operation("magickload_buffer")) << "camera RAW formats";
}

TEST(Libvips, LeavesOutModulesNoPhotoNeeds) {
  test::start_libvips();
  // PDF and slide scanners' formats: 13 ms of start-up that no photo needs.
  EXPECT_FALSE(has_operation("pdfload_buffer"));
  EXPECT_FALSE(has_operation("openslideload"));
  EXPECT_EQ(std::getenv("VIPSHOME"), nullptr) << "the environment is left as it was found";
}

}  // namespace
}  // namespace vern::imaging
