// src/imaging/orc_serialisation.cpp serialises liborc 0.4.33's program compiling and freeing,
// which corrupted the heap when libvips built and dropped resizes on several threads at once.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>
#include <vips/vips8>

#include "support/test_support.h"

extern "C" {
int orc_program_compile(struct _OrcProgram* program);
void orc_program_free(struct _OrcProgram* program);
}

namespace vern::imaging {
namespace {

TEST(OrcSerialisation, LibvipsCallsBindToTheSerialisedWrappers) {
  // The dynamic linker resolves libvips' calls to the first definition it finds: this
  // executable's, when the link exported them.
  EXPECT_EQ(dlsym(RTLD_DEFAULT, "orc_program_compile"),
            reinterpret_cast<void*>(&orc_program_compile));
  EXPECT_EQ(dlsym(RTLD_DEFAULT, "orc_program_free"), reinterpret_cast<void*>(&orc_program_free));
}

TEST(OrcSerialisation, ParallelResizesAndSharpeningKeepTheHeapIntact) {
  // Without the wrappers, three threads doing this crashed the process within 1 to 17 s
  // (a small photo: each round compiles and frees several orc programs for a few pixels).
  // libvips as the build sets it up (a Libvips object's destructor would shut it down for the
  // other tests of this executable).
  ASSERT_EQ(VIPS_INIT("imaging_tests"), 0);
  vips_cache_set_max(0);
  const auto photo =
      vips::VImage::new_from_file(test::data_file("orientation/landscape_1.jpg").c_str())
          .thumbnail_image(400)
          .copy_memory();
  const double a = 0.125;
  const auto mask = vips::VImage::new_matrixv(3, 3, 0.0, -a, 0.0, -a, 1 + 4 * a, -a, 0.0, -a, 0.0);
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  std::atomic<long> rounds{0};
  std::vector<std::jthread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&] {
      while (std::chrono::steady_clock::now() < until) {
        const auto copy = photo.copy_memory();
        (void)copy.thumbnail_image(100).copy_memory();
        (void)copy.conv(mask, vips::VImage::option()->set("precision", VIPS_PRECISION_INTEGER))
            .copy_memory();
        ++rounds;
      }
    });
  }
  threads.clear();  // joins
  EXPECT_GT(rounds.load(), 0);
}

}  // namespace
}  // namespace vern::imaging
