#include "publish/album_settings.h"

#include <gtest/gtest.h>

#include "support/test_support.h"
#include "unit/publish/album_folder.h"

namespace vern::publish {
namespace {

using test_folder::folder_with;

TEST(AlbumSettings, ReadsEveryKey) {
  test::TempDir dir;
  test::write_text(dir / "album.toml",
                   "title = \"Nuit\"\ndescription = \"d\"\ncover = \"IMG_1.jpg\"\n"
                   "sort = \"taken-desc\"\nhidden = true\n");
  const auto settings = read_album_settings({dir.path()}, folder_with(dir, {"album.toml"}));
  ASSERT_TRUE(settings) << settings.error().describe();
  EXPECT_EQ(settings->title, "Nuit");
  EXPECT_EQ(settings->description, "d");
  EXPECT_EQ(settings->cover, "IMG_1.jpg");
  EXPECT_EQ(settings->order, site::PhotoOrder::kTakenDescending);
  EXPECT_TRUE(settings->hidden);
}

TEST(AlbumSettings, ImageChoicesForTheAlbumAndItsPhotos) {
  test::TempDir dir;
  test::write_text(dir / "album.toml",
                   "raw = \"develop\"\n\n[photos.\"IMG_1.jpg\"]\norientation = 8\n");
  auto folder = folder_with(dir, {"album.toml"});
  // A RAW+JPEG pair answers to its RAW's name too.
  folder.photos[0].companions.push_back({dir / "IMG_1.CR2", 1, 1, ImageFormat::kRaw});
  AlbumChoices choices;
  ASSERT_TRUE(read_album_settings({dir.path()}, folder, &choices));
  EXPECT_EQ(choices.raw, imaging::RawMode::kDevelop);
  const auto photo = choices.for_photo(folder.photos[0]);
  EXPECT_EQ(photo.orientation, 8);
  EXPECT_EQ(photo.raw, imaging::RawMode::kDevelop);
  test::write_text(dir / "album.toml", "[photos.\"IMG_1.CR2\"]\norientation = 3\n");
  ASSERT_TRUE(read_album_settings({dir.path()}, folder, &choices));
  EXPECT_EQ(choices.for_photo(folder.photos[0]).orientation, 3);
  EXPECT_FALSE(choices.raw);

  // Errors name the file and line: a photo not of this folder, a bad value, an unknown key.
  for (const auto& [text, line] : {std::pair{"\n[photos.\"../x.jpg\"]\norientation = 1\n", ":2"},
                                   std::pair{"[photos.\"IMG_1.jpg\"]\n\norientation = 0\n", ":3"},
                                   std::pair{"[photos.\"IMG_1.jpg\"]\nrotation = 90\n", ":2"},
                                   std::pair{"raw = \"auto\"\n", ""}}) {
    test::write_text(dir / "album.toml", text);
    const auto bad = read_album_settings({dir.path()}, folder, &choices);
    ASSERT_FALSE(bad) << text;
    EXPECT_NE(bad.error().path.find(std::string("album.toml") + line), std::string::npos)
        << bad.error().describe();
  }
}

TEST(AlbumSettings, ReadsAPhotosFactsAsAWork) {
  test::TempDir dir;
  auto folder = folder_with(dir, {"album.toml"});
  scan::SourceFile second;
  second.absolute_path = dir / "IMG_2.jpg";
  folder.photos.push_back(second);
  test::write_text(dir / "album.toml", R"([photos."IMG_1.jpg"]
title = "Красная площадь, утро"
year = 2019
medium = "Archival pigment print"
print_size = "60 × 40 cm"
edition = "1/5"
price = "1 200 €"
plate = 12

[photos."IMG_2.jpg"]
edition = "AP 1/2"
price = 900
print_size = "16x20 in"
)");
  const auto settings = read_album_settings({dir.path()}, folder);
  ASSERT_TRUE(settings) << settings.error().describe();
  const auto& work = settings->works.at("IMG_1.jpg");
  EXPECT_EQ(work.title, "Красная площадь, утро");
  EXPECT_EQ(work.year, 2019);
  EXPECT_EQ(work.medium, "Archival pigment print");
  EXPECT_EQ(work.print_size, "60 × 40 cm");
  EXPECT_EQ(work.edition, "1/5");
  EXPECT_EQ(work.price, "1 200 €");
  EXPECT_EQ(work.plate, 12);
  const auto& proof = settings->works.at("IMG_2.jpg");
  EXPECT_EQ(proof.edition, "AP 1/2");
  EXPECT_EQ(proof.price, "900");
  EXPECT_FALSE(proof.plate);
}

TEST(AlbumSettings, ABadWorkFieldNamesTheFileLineAndWhatIsWanted) {
  test::TempDir dir;
  auto folder = folder_with(dir, {"album.toml"});
  scan::SourceFile second;
  second.absolute_path = dir / "IMG_2.jpg";
  folder.photos.push_back(second);
  const std::pair<const char*, const char*> cases[] = {
      {"year = \"2019\"", "year must be a year"},
      {"year = 1700", "year must be a year"},
      {"edition = \"6/5\"", "edition must be a number of an edition"},
      {"edition = \"first\"", "edition must be a number of an edition"},
      {"print_size = \"big\"", "print_size must be two dimensions and a unit"},
      {"print_size = \"60 × 40\"", "print_size must be two dimensions and a unit"},
      {"plate = 0", "plate must be a whole number from 1"},
      {"medium = \"  \"", "medium must be text"},
      {"price = -5", "price must be text"},
  };
  for (const auto& [line, wanted] : cases) {
    test::write_text(dir / "album.toml", std::string("\n[photos.\"IMG_1.jpg\"]\n") + line + "\n");
    const auto settings = read_album_settings({dir.path()}, folder);
    ASSERT_FALSE(settings) << line;
    EXPECT_NE(settings.error().message.find(wanted), std::string::npos)
        << line << ": " << settings.error().message;
    EXPECT_NE(settings.error().message.find("IMG_1.jpg"), std::string::npos);
    EXPECT_EQ(settings.error().path, (dir / "album.toml").string() + ":3") << line;
  }
  test::write_text(dir / "album.toml",
                   "[photos.\"IMG_1.jpg\"]\nplate = 3\n[photos.\"IMG_2.jpg\"]\nplate = 3\n");
  const auto twice = read_album_settings({dir.path()}, folder);
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("plate 3 is given to both"), std::string::npos)
      << twice.error().message;
}

TEST(AlbumSettings, NoFileMeansDefaults) {
  test::TempDir dir;
  const auto settings = read_album_settings({dir.path()}, folder_with(dir, {}));
  ASSERT_TRUE(settings);
  EXPECT_FALSE(settings->title);
  EXPECT_FALSE(settings->hidden);
}

TEST(AlbumSettings, CoverMustBeAPhotoOfThisFolder) {
  test::TempDir dir;
  for (const char* cover : {"../../etc/passwd", "/etc/passwd", "sub/IMG_1.jpg", "missing.jpg"}) {
    test::write_text(dir / "album.toml", std::string("cover = \"") + cover + "\"\n");
    const auto settings = read_album_settings({dir.path()}, folder_with(dir, {"album.toml"}));
    ASSERT_FALSE(settings) << cover;
    EXPECT_NE(settings.error().path.find("album.toml"), std::string::npos);
  }
}

TEST(AlbumSettings, UnknownKeysAndBadValuesAreErrors) {
  test::TempDir dir;
  test::write_text(dir / "album.toml", "sort = \"random\"\n");
  EXPECT_FALSE(read_album_settings({dir.path()}, folder_with(dir, {"album.toml"})));
  test::write_text(dir / "album.toml", "colour = \"red\"\n");
  EXPECT_FALSE(read_album_settings({dir.path()}, folder_with(dir, {"album.toml"})));
}

TEST(AlbumSettings, TheTextsFolderWinsOverTheFileBesideThePhotos) {
  test::TempDir photos;
  test::TempDir texts;
  test::write_text(photos / "album.toml", "title = \"Beside the photos\"\nhidden = true\n");
  test::write_text(texts / "album.toml", "title = \"From the texts\"\n");
  const auto settings =
      read_album_settings({photos.path(), texts.path()}, folder_with(photos, {"album.toml"}));
  ASSERT_TRUE(settings) << settings.error().describe();
  EXPECT_EQ(settings->title, "From the texts");
  // Whole files win, keys are not merged.
  EXPECT_FALSE(settings->hidden);
}

TEST(AlbumSettings, TheTextsFolderServesAlbumsWithoutAFileOfTheirOwn) {
  test::TempDir photos;
  test::TempDir texts;
  test::write_text(texts / "album.toml", "cover = \"IMG_1.jpg\"\n");
  const auto settings = read_album_settings({photos.path(), texts.path()}, folder_with(photos, {}));
  ASSERT_TRUE(settings) << settings.error().describe();
  EXPECT_EQ(settings->cover, "IMG_1.jpg");
  // A missing texts folder (an album the texts say nothing about) leaves the photo folder's file.
  test::write_text(photos / "album.toml", "title = \"Nuit\"\n");
  const auto fallback = read_album_settings({photos.path(), texts / "no-such-album"},
                                            folder_with(photos, {"album.toml"}));
  ASSERT_TRUE(fallback);
  EXPECT_EQ(fallback->title, "Nuit");
}

TEST(AlbumSettings, ErrorsInTheTextsFolderNameThatFile) {
  test::TempDir photos;
  test::TempDir texts;
  test::write_text(texts / "album.toml", "cover = \"elsewhere.jpg\"\n");
  const auto settings = read_album_settings({photos.path(), texts.path()}, folder_with(photos, {}));
  ASSERT_FALSE(settings);
  EXPECT_EQ(settings.error().path, (texts / "album.toml").string());
}

}  // namespace
}  // namespace vern::publish
