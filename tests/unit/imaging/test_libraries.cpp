#include "test_libraries.h"

#include <gtest/gtest.h>

#include <memory>

#include "metadata/library_setup.h"

namespace vern::test {
namespace {

// exiv2 and the Libvips object live for the whole binary, as the program's do in main().
class Libraries : public ::testing::Environment {
 public:
  void SetUp() override {
    exiv2_ = std::make_unique<metadata::LibrarySetup>();
    vips_ = std::make_unique<imaging::Libvips>("imaging_tests", 0);
  }
  void TearDown() override {
    vips_.reset();
    exiv2_.reset();
  }
  const imaging::Libvips& vips() const { return *vips_; }

 private:
  std::unique_ptr<metadata::LibrarySetup> exiv2_;
  std::unique_ptr<imaging::Libvips> vips_;
};

Libraries* const kLibraries =
    static_cast<Libraries*>(::testing::AddGlobalTestEnvironment(new Libraries));

}  // namespace

const imaging::Libvips& libvips() { return kLibraries->vips(); }

void start_libvips() {
  const auto started = libvips().functions();
  ASSERT_TRUE(started) << started.error().describe();
}

}  // namespace vern::test
