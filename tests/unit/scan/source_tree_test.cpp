#include "scan/source_tree.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace vern::scan {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> relative_paths(const Folder& root) {
  std::vector<std::string> paths;
  for (const auto* photo : all_photos(root)) paths.push_back(photo->relative_path);
  return paths;
}

TEST(Scan, FindsPhotosInNestedAlbumsInNameOrder) {
  test::TempDir dir;
  const auto jpeg = test::data_file("orientation/landscape_1.jpg");
  test::copy_into(jpeg, dir / "photos/b.jpg");
  test::copy_into(jpeg, dir / "photos/a.jpg");
  test::copy_into(jpeg, dir / "photos/travel/paris/x.jpg");
  test::copy_into(jpeg, dir / "photos/travel/berlin/y.jpg");
  const auto result = scan_tree(dir / "photos");
  ASSERT_TRUE(result);
  EXPECT_EQ(
      relative_paths(result->root),
      (std::vector<std::string>{"a.jpg", "b.jpg", "travel/berlin/y.jpg", "travel/paris/x.jpg"}));
  ASSERT_EQ(result->root.children.size(), 1u);
  EXPECT_EQ(result->root.children[0].name, "travel");
  EXPECT_EQ(result->root.children[0].children.size(), 2u);
  EXPECT_TRUE(result->problems.empty());
}

TEST(Scan, RecognisesFormatByContentNotExtension) {
  test::TempDir dir;
  test::copy_into(test::data_file("heic/IMG_5195.HEIC"), dir / "photos/phone.jpg");
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), dir / "photos/scan.png");
  const auto result = scan_tree(dir / "photos");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->root.photos.size(), 2u);
  EXPECT_EQ(result->root.photos[0].format, ImageFormat::kHeif);
  EXPECT_EQ(result->root.photos[1].format, ImageFormat::kJpeg);
}

TEST(Scan, SkipsHiddenFilesAndFolders) {
  test::TempDir dir;
  const auto jpeg = test::data_file("orientation/landscape_1.jpg");
  test::copy_into(jpeg, dir / "photos/.hidden.jpg");
  test::copy_into(jpeg, dir / "photos/.thumbnails/x.jpg");
  test::copy_into(jpeg, dir / "photos/shown.jpg");
  const auto result = scan_tree(dir / "photos");
  ASSERT_TRUE(result);
  EXPECT_EQ(relative_paths(result->root), std::vector<std::string>{"shown.jpg"});
}

TEST(Scan, ReportsUnreadableImagesAndKeepsGoing) {
  test::TempDir dir;
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), dir / "photos/good.jpg");
  test::write_text(dir / "photos/empty.jpg", "");
  test::write_text(dir / "photos/notes.jpg", "these are notes, not a photo");
  test::write_text(dir / "photos/album.toml", "title = \"x\"");
  const auto result = scan_tree(dir / "photos");
  ASSERT_TRUE(result);
  EXPECT_EQ(relative_paths(result->root), std::vector<std::string>{"good.jpg"});
  ASSERT_EQ(result->problems.size(), 2u);
  EXPECT_NE(result->problems[0].path.find("empty.jpg"), std::string::npos);
  EXPECT_NE(result->problems[0].message.find("empty"), std::string::npos);
  EXPECT_NE(result->problems[1].path.find("notes.jpg"), std::string::npos);
  EXPECT_EQ(result->root.other_files, std::vector<std::string>{"album.toml"});
}

TEST(Scan, VisitsEachFolderOnceDespiteSymlinkLoops) {
  test::TempDir dir;
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), dir / "photos/a/x.jpg");
  fs::create_directory_symlink(dir / "photos", dir / "photos/a/loop");
  const auto result = scan_tree(dir / "photos");
  ASSERT_TRUE(result);
  EXPECT_EQ(relative_paths(result->root), std::vector<std::string>{"a/x.jpg"});
  ASSERT_EQ(result->problems.size(), 1u);
  EXPECT_NE(result->problems[0].message.find("symbolic link"), std::string::npos);
}

TEST(Scan, LeavesOutExcludedFolders) {
  test::TempDir dir;
  const auto jpeg = test::data_file("orientation/landscape_1.jpg");
  test::copy_into(jpeg, dir / "photos/a.jpg");
  test::copy_into(jpeg, dir / "photos/site/media/x.jpg");
  const auto result = scan_tree(dir / "photos", {.excluded = {dir / "photos/site"}});
  ASSERT_TRUE(result);
  EXPECT_EQ(relative_paths(result->root), std::vector<std::string>{"a.jpg"});
}

TEST(Scan, FailsWhenTheRootIsNotAFolder) {
  test::TempDir dir;
  const auto result = scan_tree(dir / "missing");
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().path.find("missing"), std::string::npos);
}

}  // namespace
}  // namespace vern::scan
