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

// A RAW beside a JPEG of the same name: the camera's RAW+JPEG mode.
void make_pair(const fs::path& folder, const std::string& stem, const std::string& raw_ext) {
  test::copy_into(test::shared_photos() / "raw/canon_eos_6d_lossy.dng", folder / (stem + raw_ext));
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), folder / (stem + ".JPG"));
}

TEST(Scan, ARawAndAJpegOfOneNameAreOnePhotoShownAsTheJpeg) {
  test::TempDir dir;
  make_pair(dir / "photos", "IMG_0001", ".dng");
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), dir / "photos/IMG_0002.jpg");
  const auto result = scan_tree(dir / "photos");
  ASSERT_TRUE(result);
  EXPECT_EQ(relative_paths(result->root),
            (std::vector<std::string>{"IMG_0001.JPG", "IMG_0002.jpg"}));
  const SourceFile& pair = result->root.photos[0];
  ASSERT_EQ(pair.companions.size(), 1u);
  EXPECT_EQ(pair.companions[0].absolute_path.filename(), "IMG_0001.dng");
  EXPECT_EQ(pair.companions[0].format, ImageFormat::kRaw);
  EXPECT_TRUE(result->root.photos[1].companions.empty());
}

TEST(Scan, PreferRawShowsThePairAsItsRaw) {
  test::TempDir dir;
  make_pair(dir / "photos", "IMG_0001", ".DNG");
  ScanOptions options;
  options.prefer = PairPreference::kRaw;
  const auto result = scan_tree(dir / "photos", options);
  ASSERT_TRUE(result);
  ASSERT_EQ(result->root.photos.size(), 1u);
  EXPECT_EQ(result->root.photos[0].format, ImageFormat::kRaw);
  ASSERT_EQ(result->root.photos[0].companions.size(), 1u);
  EXPECT_EQ(result->root.photos[0].companions[0].absolute_path.filename(), "IMG_0001.JPG");
}

TEST(Scan, TwoRawsOfOneNameAreNotGuessedIntoAPair) {
  test::TempDir dir;
  make_pair(dir / "photos", "IMG_0001", ".dng");
  test::copy_into(test::shared_photos() / "raw/lg_h815_lossy_1mp.dng", dir / "photos/IMG_0001.DNG");
  const auto result = scan_tree(dir / "photos");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->root.photos.size(), 3u);
  for (const auto& photo : result->root.photos) EXPECT_TRUE(photo.companions.empty());
}

TEST(Scan, XmpSidecarsOfBothStylesJoinTheirPhotoAndItsStamp) {
  test::TempDir dir;
  make_pair(dir / "photos", "IMG_0001", ".dng");
  test::write_text(dir / "photos/IMG_0001.xmp", "<x:xmpmeta/>");      // Adobe
  test::write_text(dir / "photos/IMG_0001.dng.xmp", "<x:xmpmeta/>");  // darktable
  test::write_text(dir / "photos/other.xmp", "<x:xmpmeta/>");         // nobody's
  const auto result = scan_tree(dir / "photos");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->root.photos.size(), 1u);
  std::vector<std::string> names;
  for (const auto& s : result->root.photos[0].sidecars) names.push_back(s.absolute_path.filename());
  EXPECT_EQ(names, (std::vector<std::string>{"IMG_0001.xmp", "IMG_0001.dng.xmp"}));

  const std::string before = attached_stamp(result->root.photos[0]);
  EXPECT_NE(before.find("IMG_0001.dng.xmp"), std::string::npos);
  EXPECT_NE(before.find("IMG_0001.dng "), std::string::npos);  // the pair's RAW
  test::write_text(dir / "photos/IMG_0001.xmp", "<x:xmpmeta>edited</x:xmpmeta>");
  const auto again = scan_tree(dir / "photos");
  ASSERT_TRUE(again);
  EXPECT_NE(attached_stamp(again->root.photos[0]), before);
}

TEST(Scan, ScanFileFindsOneFileAndItsSidecar) {
  test::TempDir dir;
  test::copy_into(test::shared_photos() / "raw/canon_eos_6d_lossy.dng", dir / "a/IMG_1.dng");
  test::write_text(dir / "a/IMG_1.xmp", "<x:xmpmeta/>");
  const auto file = scan_file(dir / "a/IMG_1.dng");
  ASSERT_TRUE(file) << file.error().describe();
  EXPECT_EQ(file->format, ImageFormat::kRaw);
  ASSERT_EQ(file->sidecars.size(), 1u);
  test::write_text(dir / "a/notes.txt", "not a photo");
  EXPECT_FALSE(scan_file(dir / "a/notes.txt"));
  EXPECT_FALSE(scan_file(dir / "a/absent.jpg"));
}

}  // namespace
}  // namespace vern::scan
