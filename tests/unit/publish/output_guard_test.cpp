#include "publish/output_guard.h"

#include <gtest/gtest.h>

#include "core/atomic_write.h"
#include "site/site_writer.h"
#include "support/test_support.h"

namespace vern::publish {
namespace {

TEST(OutputGuard, RefusesThePhotoFolderAndFoldersInsideOrAboveIt) {
  test::TempDir dir;
  std::filesystem::create_directories(dir / "photos");
  EXPECT_FALSE(check_output_folder(dir / "photos", dir / "photos", false));
  EXPECT_FALSE(check_output_folder(dir / "photos", dir / "photos/site", false));
  EXPECT_FALSE(check_output_folder(dir / "photos", dir.path(), true));
  EXPECT_FALSE(check_output_folder(dir / "photos", "/", true));
}

TEST(OutputGuard, AcceptsNewEmptyOrExistingSiteFolders) {
  test::TempDir dir;
  std::filesystem::create_directories(dir / "photos");
  std::filesystem::create_directories(dir / "empty");
  EXPECT_TRUE(check_output_folder(dir / "photos", dir / "new-site", false));
  EXPECT_TRUE(check_output_folder(dir / "photos", dir / "empty", false));
  test::write_text(dir / "site" / site::kSiteMarker, "");
  test::write_text(dir / "site/index.html", "old");
  EXPECT_TRUE(check_output_folder(dir / "photos", dir / "site", false));
}

TEST(OutputGuard, AcceptsAFolderHoldingOnlyAnInterruptedBuildsTemporaryFiles) {
  test::TempDir dir;
  std::filesystem::create_directories(dir / "photos");
  test::write_text(temporary_path_for(dir / "site" / site::kSiteMarker), "{");
  EXPECT_TRUE(check_output_folder(dir / "photos", dir / "site", false));
  test::write_text(dir / "site/thesis.odt", "precious");
  EXPECT_FALSE(check_output_folder(dir / "photos", dir / "site", false));
}

TEST(OutputGuard, RefusesAForeignNonEmptyFolderUnlessForced) {
  test::TempDir dir;
  std::filesystem::create_directories(dir / "photos");
  test::write_text(dir / "documents/thesis.odt", "precious");
  const auto refused = check_output_folder(dir / "photos", dir / "documents", false);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("--force"), std::string::npos);
  EXPECT_TRUE(check_output_folder(dir / "photos", dir / "documents", true));
}

}  // namespace
}  // namespace vern::publish
