#include "publish/site_build.h"

#include <gtest/gtest.h>

#include <atomic>
#include <sstream>

#include "support/test_support.h"
#include "unit/imaging/test_libraries.h"

namespace vern::publish {
namespace {

namespace fs = std::filesystem;

// build_site called as a library, without the binary: what a server or a sharded build does.
class SiteBuildTest : public ::testing::Test {
 protected:
  SiteBuildTest() {
    test::copy_into(test::data_file("orientation/landscape_1.jpg"), dir_ / "photos/paris/a.jpg");
    test::copy_into(test::data_file("gps/DSCN0010.jpg"), dir_ / "photos/paris/b.jpg");
    test::copy_into(test::data_file("invalid/corrupted.jpg"), dir_ / "photos/broken.jpg");
    options_.photos = dir_ / "photos";
    options_.output = dir_ / "site";
    options_.catalogue = dir_ / "catalogue.db";
    options_.imaging.long_edges = {320};
    options_.jobs = 2;
  }
  Result<BuildReport> build(const BuildProgress& progress = {}) {
    return build_site(options_, test::libvips(), {logger_, clock_}, progress);
  }
  test::TempDir dir_;
  BuildOptions options_;
  // A second passes at every look at the clock: the report's time comes from the context's clock.
  class TickingClock final : public Clock {
   public:
    std::chrono::steady_clock::time_point now() const override {
      return std::chrono::steady_clock::time_point(std::chrono::seconds(++ticks_));
    }
    mutable std::atomic<int> ticks_ = 0;
  };
  std::ostringstream log_;
  Logger logger_{log_, Verbosity::kVerbose};
  TickingClock clock_;
};

TEST_F(SiteBuildTest, PublishesThePhotosAndNamesWhatItSkipped) {
  std::atomic<int> started = 0, advanced = 0, finished = 0;
  const auto report = build({.start = [&](int total) { started = total; },
                             .advance = [&] { ++advanced; },
                             .finish = [&] { ++finished; }});
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_EQ(report->fresh, 2);
  EXPECT_EQ(report->failed, 1);
  ASSERT_EQ(report->skipped.size(), 1u);
  EXPECT_EQ(report->skipped[0].path, (dir_ / "photos/broken.jpg").string());
  EXPECT_EQ(report->decoded, 2);
  EXPECT_GT(report->images_written, 0);
  EXPECT_TRUE(fs::exists(dir_ / "site/paris/a.html"));
  EXPECT_TRUE(fs::exists(dir_ / "site/paris/b.html"));
  EXPECT_EQ(started, 3);
  EXPECT_EQ(advanced, 3);
  EXPECT_EQ(finished, 1);
  // Timed with the context's clock: one tick at the start, one at the end, and the phases and
  // photos between them, all logged as events with quoted values.
  EXPECT_EQ(report->seconds, clock_.ticks_ - 1);
  EXPECT_NE(log_.str().find("event=photo.published path=paris/a.jpg read=1 decoded=1"),
            std::string::npos)
      << log_.str();
  EXPECT_NE(log_.str().find("event=build.phase phase=photos ms="), std::string::npos);
}

TEST_F(SiteBuildTest, ASecondBuildReadsAndWritesNothing) {
  ASSERT_TRUE(build());
  const auto again = build();
  ASSERT_TRUE(again) << again.error().describe();
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(again->read, 0);
  EXPECT_EQ(again->decoded, 0);
  EXPECT_EQ(again->images_written, 0);
  EXPECT_EQ(again->pages_written, 0);
}

TEST_F(SiteBuildTest, FailsWithoutWritingWhenTheOutputIsThePhotoFolder) {
  options_.output = options_.photos / "site";
  const auto report = build();
  ASSERT_FALSE(report);
  EXPECT_FALSE(fs::exists(options_.output));
  options_.output = dir_ / "site";
  options_.select = "taken:2019..2018-13";
  const auto bad_query = build();
  ASSERT_FALSE(bad_query);
  EXPECT_EQ(bad_query.error().message.rfind("--select: ", 0), 0u) << bad_query.error().message;
}

}  // namespace
}  // namespace vern::publish
