#include "publish/caption_file.h"

#include <gtest/gtest.h>

#include "support/test_support.h"
#include "unit/publish/album_folder.h"

namespace vern::publish {
namespace {

using test_folder::folder_with;

// The caption the photo IMG_1.jpg gets, or nullopt.
std::optional<std::string> caption_of(const AlbumTextFolders& folders, const scan::Folder& folder) {
  auto file = read_caption_file(folders, folder, "IMG_1.jpg");
  EXPECT_TRUE(file) << file.error().describe();
  if (!file || !*file) return std::nullopt;
  return (*file)->caption;
}

TEST(CaptionFile, ReadsNameDotMdOrTxtWithOrWithoutTheExtension) {
  test::TempDir dir;
  test::write_text(dir / "IMG_1.txt", "  Quai de Valmy\n");
  EXPECT_EQ(caption_of({dir.path()}, folder_with(dir, {"IMG_1.txt"})), "Quai de Valmy");
  test::write_text(dir / "IMG_1.jpg.md", "Canal Saint-Martin");
  EXPECT_EQ(caption_of({dir.path()}, folder_with(dir, {"IMG_1.jpg.md", "IMG_1.txt"})),
            "Canal Saint-Martin");
  EXPECT_EQ(caption_of({dir.path()}, folder_with(dir, {})), std::nullopt);
}

TEST(CaptionFile, TheTextsFolderIsReadFirstThenThePhotoFolder) {
  test::TempDir photos;
  test::TempDir texts;
  test::write_text(photos / "IMG_1.jpg.md", "Beside the photo");
  test::write_text(texts / "IMG_1.txt", "From the texts");
  const auto folder = folder_with(photos, {"IMG_1.jpg.md"});
  EXPECT_EQ(caption_of({photos.path(), texts.path()}, folder), "From the texts");
  // An empty caption in the texts folder says nothing: the photo folder's one is used.
  test::write_text(texts / "IMG_1.txt", "  \n");
  EXPECT_EQ(caption_of({photos.path(), texts.path()}, folder), "Beside the photo");
}

TEST(CaptionFile, YamlFrontMatterGivesTheWorkAndTheRestIsTheCaption) {
  const auto file = parse_caption_file(
      "---\n"
      "title: Снег под фонарём\n"
      "year: 2019\n"
      "medium: Archival pigment print\n"
      "print_size: 60 × 40 cm\n"
      "edition: 1/10\n"
      "price: 1 200 €\n"
      "plate: 2\n"
      "---\n"
      "\n"
      "Moscow, the first snow.\n"
      "Second line.\n",
      "a.jpg.md");
  ASSERT_TRUE(file) << file.error().describe();
  EXPECT_EQ(file->caption, "Moscow, the first snow.\nSecond line.");
  EXPECT_EQ(file->work.title, "Снег под фонарём");
  EXPECT_EQ(file->work.year, 2019);
  EXPECT_EQ(file->work.medium, "Archival pigment print");
  EXPECT_EQ(file->work.print_size, "60 × 40 cm");
  EXPECT_EQ(file->work.edition, "1/10");
  EXPECT_EQ(file->work.price, "1 200 €");
  EXPECT_EQ(file->work.plate, 2);
  EXPECT_EQ(file->fields, (std::vector<std::string>{"title", "year", "medium", "print_size",
                                                    "edition", "price", "plate"}));
}

TEST(CaptionFile, TomlFrontMatterReadsAsAlbumTomlDoes) {
  const auto file = parse_caption_file(
      "+++\r\ntitle = \"Quai\"\r\nprice = 900\r\nplate = 4\r\n+++\r\nCaption\r\n", "a.md");
  ASSERT_TRUE(file) << file.error().describe();
  EXPECT_EQ(file->work.title, "Quai");
  EXPECT_EQ(file->work.price, "900");
  EXPECT_EQ(file->work.plate, 4);
  EXPECT_EQ(file->caption, "Caption");
}

TEST(CaptionFile, WithoutAClosingFenceItIsAllCaption) {
  for (const char* text : {"--- a dash line\nthen text", "---\ntitle: x\nno end", "+++"}) {
    const auto file = parse_caption_file(text, "a.md");
    ASSERT_TRUE(file) << text;
    EXPECT_TRUE(file->work.empty()) << text;
    EXPECT_EQ(file->caption, text);
  }
  // A quoted number is text: a title may be "1984".
  const auto quoted = parse_caption_file("---\ntitle: \"1984\"\n---\n", "a.md");
  ASSERT_TRUE(quoted) << quoted.error().describe();
  EXPECT_EQ(quoted->work.title, "1984");
  EXPECT_EQ(quoted->caption, "");
}

TEST(CaptionFile, BadFrontMatterNamesTheFileAndLine) {
  struct Case {
    const char* text;
    const char* where;
    const char* says;
  };
  for (const auto& c : {
           Case{"---\ntitle: x\nedition: 7/5\n---\n", "a.md:3", "edition must be"},
           Case{"---\nyear: 1700\n---\n", "a.md:2", "year must be"},
           // Found by the caption fuzzer: a number too long for a long once threw.
           Case{"---\nedition: 1/99999999999999999999\n---\n", "a.md:2", "edition must be"},
           Case{"---\ntitle: x\ncolour: red\n---\n", "a.md:3", "unknown field \"colour\""},
           Case{"---\nplate: [1, 2]\n---\n", "a.md:2", "plate must be one value"},
           Case{"---\ntitle: [unclosed\n---\n", "a.md:", ""},
           Case{"+++\nmedium = \"x\"\nprint_size = \"big\"\n+++\n", "a.md:3", "print_size must"},
           Case{"+++\nplate = \n+++\n", "a.md:2", ""},
           Case{"---\njust text\n---\n", "a.md:2", "field: value"},
       }) {
    const auto file = parse_caption_file(c.text, "a.md");
    ASSERT_FALSE(file) << c.text;
    EXPECT_TRUE(file.error().path.starts_with(c.where)) << c.text << " → " << file.error().path;
    EXPECT_NE(file.error().message.find(c.says), std::string::npos)
        << c.text << " → " << file.error().message;
  }
}

TEST(CaptionFile, AFieldInBothAlbumTomlAndTheCaptionIsAnError) {
  const auto file =
      parse_caption_file("---\nmedium: Gelatin silver print\nplate: 3\n---\n", "a.md");
  ASSERT_TRUE(file);
  site::Work work;
  work.title = "From album.toml";
  ASSERT_TRUE(add_caption_work(*file, "album.toml", work));
  EXPECT_EQ(work.title, "From album.toml");
  EXPECT_EQ(work.medium, "Gelatin silver print");
  EXPECT_EQ(work.plate, 3);

  site::Work both;
  both.plate = 1;
  const auto result = add_caption_work(*file, "album.toml", both);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().path, "a.md");
  EXPECT_NE(result.error().message.find("plate is given both here and in album.toml"),
            std::string::npos);
  EXPECT_FALSE(both.medium) << "nothing is taken from a caption at odds with album.toml";
}

}  // namespace
}  // namespace vern::publish
