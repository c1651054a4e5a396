// The photos as works of a show: album.toml's facts on the photo pages and in `vernissage works`.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <regex>
#include <sstream>

#include "support/test_support.h"

namespace vern {
namespace {

namespace fs = std::filesystem;
using test::run_vernissage;

constexpr const char* kWorks = R"(title = "Улицы"

[photos."Nikon D90.jpg"]
title = "Красная площадь, утро"
year = 2019
medium = "Archival pigment print"
print_size = "60 × 40 cm"
edition = "1/5"
price = "1 200 €"
plate = 2

[photos."Nexus 4.jpg"]
medium = "Gelatin silver print"
print_size = "30 x 40 cm"
edition = "AP 1/2"
plate = 1
)";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

class WorksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test::copy_into(test::examples_dir() / "streets", photos_ / "streets");
    test::write_text(photos_ / "streets" / "album.toml", kWorks);
  }
  test::CommandResult works(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"works", photos_.string(), "--catalogue", catalogue_};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_vernissage(args);
  }
  test::TempDir dir_;
  fs::path photos_ = dir_ / "photos";
  std::string catalogue_ = (dir_ / "c.db").string();
};

TEST_F(WorksTest, ListsTheWorksInPlateOrderAsCsv) {
  const auto listed = works({"--csv"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const auto lines = lines_of(listed.out);
  ASSERT_EQ(lines.size(), 9u);  // the header and the 8 photos of the album
  EXPECT_EQ(lines[0],
            "\xEF\xBB\xBFplate,title,year,medium,print_size,edition,price,album,file,"
            "caption");
  EXPECT_EQ(lines[1].rfind("1,Nexus 4,2013,Gelatin silver print,30 x 40 cm,AP 1/2,,Улицы,"
                           "streets/Nexus 4.jpg,",
                           0),
            0u)
      << lines[1];
  EXPECT_EQ(lines[2].rfind("2,\"Красная площадь, утро\",2019,Archival pigment print,60 × 40 cm,"
                           "1/5,1 200 €,Улицы,streets/Nikon D90.jpg,",
                           0),
            0u)
      << lines[2];
  for (std::size_t i = 3; i < lines.size(); ++i) EXPECT_EQ(lines[i][0], ',') << lines[i];

  const auto table = works();
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("PLATE  TITLE"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("Красная площадь, утро"), std::string::npos);
  EXPECT_NE(table.err.find("8 works"), std::string::npos) << table.err;
}

TEST_F(WorksTest, ThePhotoPageShowsTheWorkAndItsPriceOnlyWhenAsked) {
  const auto site = dir_ / "site";
  const auto built = run_vernissage({"build", photos_.string(), "-o", site.string(), "--catalogue",
                                     catalogue_, "--formats", "jpeg", "-q"});
  ASSERT_EQ(built.exit_code, 0) << built.err;
  auto page = test::read_text(site / "streets" / "nikon-d90.html");
  EXPECT_NE(page.find("<h1 class=\"photo-title\">Красная площадь, утро</h1>"), std::string::npos);
  EXPECT_NE(page.find("<dt>Edition</dt><dd>1/5</dd>"), std::string::npos) << page;
  EXPECT_NE(page.find("<dd>60 × 40 cm</dd>"), std::string::npos);
  EXPECT_EQ(page.find("1 200 €"), std::string::npos);

  test::write_text(photos_ / "vernissage.toml", "[site]\nshow_prices = true\n");
  ASSERT_EQ(run_vernissage({"build", photos_.string(), "-o", site.string(), "--catalogue",
                            catalogue_, "--formats", "jpeg", "-q"})
                .exit_code,
            0);
  page = test::read_text(site / "streets" / "nikon-d90.html");
  EXPECT_NE(page.find("<dt>Price</dt><dd>1 200 €</dd>"), std::string::npos) << page;

  // A changed fact is a changed page, though the photo is the same.
  std::string text = kWorks;
  text.replace(text.find("Archival pigment print"), 22, "Platinum-palladium print");
  test::write_text(photos_ / "streets" / "album.toml", text);
  const auto again = run_vernissage({"build", photos_.string(), "-o", site.string(), "--catalogue",
                                     catalogue_, "--formats", "jpeg", "-v"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  page = test::read_text(site / "streets" / "nikon-d90.html");
  EXPECT_NE(page.find("<dd>Platinum-palladium print</dd>"), std::string::npos);
  EXPECT_NE(again.err.find("Files: 0 images and "), std::string::npos) << again.err;
}

TEST_F(WorksTest, PrintsTheWallLabelsOfTheShow) {
  test::write_text(photos_ / "vernissage.toml", "[site]\nauthor = \"Анна Петрова\"\n");
  const auto pdf = dir_ / "labels.pdf";
  const auto sheets = run_vernissage(
      {"labels", photos_.string(), "-o", pdf.string(), "--catalogue", catalogue_, "--prices"});
  ASSERT_EQ(sheets.exit_code, 0) << sheets.err;
  EXPECT_NE(sheets.err.find("8 labels on 1 page(s)"), std::string::npos) << sheets.err;
  ASSERT_EQ(test::run_program({"qpdf", "--check", pdf.string()}).exit_code, 0);
  const auto text = test::run_program({"pdftotext", pdf.string(), "-"}).out;
  for (const char* expected : {"Анна Петрова", "Красная площадь, утро, 2019", "Edition AP 1/2",
                               "60 × 40 cm", "1 200 €", "Nexus 4, 2013"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  // Plate order: plate 1 (Nexus 4) comes before plate 2.
  EXPECT_LT(text.find("Nexus 4, 2013"), text.find("Красная площадь"));

  const auto one_each = run_vernissage({"labels", photos_.string(), "-o", pdf.string(),
                                        "--catalogue", catalogue_, "--label", "100x60mm"});
  ASSERT_EQ(one_each.exit_code, 0) << one_each.err;
  const auto info = test::run_program({"pdfinfo", pdf.string()}).out;
  EXPECT_NE(info.find("Pages:           8"), std::string::npos) << info;
  EXPECT_NE(info.find("283.465 x 170.079 pts"), std::string::npos) << info;
  EXPECT_EQ(test::run_program({"pdftotext", pdf.string(), "-"}).out.find("1 200 €"),
            std::string::npos);

  const auto wrong = run_vernissage({"labels", photos_.string(), "-o", pdf.string(), "--catalogue",
                                     catalogue_, "--label", "huge"});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.err.find("--label takes a size like 100x60mm"), std::string::npos);
}

// The printed catalogue, checked as a print shop would: a valid PDF, every font embedded, every
// picture a JPEG at 300 ppi or more at its printed size, every title in the text.
TEST_F(WorksTest, MakesTheExhibitionCatalogue) {
  test::write_text(photos_ / "vernissage.toml",
                   "[site]\ntitle = \"Улицы\"\nauthor = \"Анна Петрова\"\nstatement = "
                   "\"Ces photographies ont été prises la nuit.\"\n");
  const auto pdf = dir_ / "catalogue.pdf";
  const std::map<std::string, std::optional<std::string>> cache = {
      {"XDG_CACHE_HOME", (dir_ / "cache").string()}};
  const auto made = test::run_vernissage(
      {"book", photos_.string(), "-o", pdf.string(), "--catalogue", catalogue_}, cache);
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_NE(made.err.find("8 plates"), std::string::npos) << made.err;
  ASSERT_EQ(test::run_program({"qpdf", "--check", pdf.string()}).exit_code, 0);
  const auto info = test::run_program({"pdfinfo", pdf.string()}).out;
  EXPECT_NE(info.find("A4"), std::string::npos) << info;
  EXPECT_NE(info.find("Title:           Улицы"), std::string::npos) << info;

  const auto fonts = test::run_program({"pdffonts", pdf.string()}).out;
  std::istringstream font_rows(fonts);
  int font_count = 0;
  for (std::string row; std::getline(font_rows, row);) {
    if (row.starts_with("name") || row.starts_with("---")) continue;
    ++font_count;
    EXPECT_NE(row.find(" yes yes "), std::string::npos) << "not embedded: " << row;
  }
  EXPECT_GE(font_count, 2) << fonts;

  // pdfimages -list: page num type width height color comp bpc enc interp object ID x-ppi y-ppi
  const auto images = test::run_program({"pdfimages", "-list", pdf.string()}).out;
  std::istringstream image_rows(images);
  int pictures = 0;
  for (std::string row; std::getline(image_rows, row);) {
    std::istringstream fields(row);
    std::vector<std::string> f;
    for (std::string field; fields >> field;) f.push_back(field);
    if (f.size() < 14 || f[2] != "image") continue;
    ++pictures;
    EXPECT_EQ(f[8], "jpeg") << row;
    EXPECT_GE(std::stoi(f[12]), 300) << row;
    EXPECT_GE(std::stoi(f[13]), 300) << row;
  }
  EXPECT_EQ(pictures, 9);  // the cover and 8 plates

  const auto text = test::run_program({"pdftotext", pdf.string(), "-"}).out;
  for (const char* expected : {"Улицы", "Анна Петрова", "Ces photographies ont été prises la nuit.",
                               "Красная площадь, утро, 2019", "List of works", "Nexus 4, 2013"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
  // The plates in the show's order: plate 1 before plate 2.
  EXPECT_LT(text.find("Nexus 4, 2013"), text.find("Красная площадь, утро, 2019"));

  // A custom page with bleed: the page grows by the bleed and the crop marks' margin.
  const auto trimmed =
      test::run_vernissage({"book", photos_.string(), "-o", pdf.string(), "--catalogue", catalogue_,
                            "--page", "170x240mm", "--bleed", "3mm", "-q"},
                           cache);
  ASSERT_EQ(trimmed.exit_code, 0) << trimmed.err;
  EXPECT_NE(test::run_program({"pdfinfo", pdf.string()}).out.find("555.591 x 754.016 pts"),
            std::string::npos);
  // The trim and the bleed are in the page's boxes (13 mm and 10 mm in from its edge), and the
  // document says it is sRGB.
  const auto boxes = test::run_program({"pdfinfo", "-box", pdf.string()}).out;
  EXPECT_TRUE(std::regex_search(boxes, std::regex(R"(TrimBox:\s+36.85\s+36.85\s+518.74\s+717.17)")))
      << boxes;
  EXPECT_TRUE(
      std::regex_search(boxes, std::regex(R"(BleedBox:\s+28.35\s+28.35\s+527.24\s+725.67)")))
      << boxes;
  const auto bytes = test::read_text(pdf);
  EXPECT_NE(bytes.find("/OutputIntents"), std::string::npos);
  EXPECT_NE(bytes.find("sRGB IEC61966-2.1"), std::string::npos);
  EXPECT_EQ(test::run_vernissage({"book", photos_.string(), "-o", pdf.string(), "--catalogue",
                                  catalogue_, "--page", "tabloid"})
                .exit_code,
            2);
}

// One damaged photo leaves its plate out of the book, named, and nothing else.
TEST_F(WorksTest, SelectTakesOnlyThePhotosASearchMatchesAsBuildDoes) {
  const auto listed = works({"--csv", "--select", "camera:nikon"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const auto lines = lines_of(listed.out);
  ASSERT_EQ(lines.size(), 2u) << listed.out;
  EXPECT_NE(lines[1].find("streets/Nikon D90.jpg"), std::string::npos) << lines[1];

  const auto pdf = dir_ / "selected.pdf";
  const auto made = test::run_vernissage({"book", photos_.string(), "-o", pdf.string(),
                                          "--catalogue", catalogue_, "--select", "camera:nikon"},
                                         {{"XDG_CACHE_HOME", (dir_ / "cache").string()}});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_NE(made.err.find("1 plate (0 spreads) on 4 pages"), std::string::npos) << made.err;
  // The cover and the one plate.
  const auto images = lines_of(test::run_program({"pdfimages", "-list", pdf.string()}).out);
  EXPECT_EQ(images.size(), 2u + 2u);
  EXPECT_NE(test::run_program({"pdftotext", pdf.string(), "-"}).out.find("Красная площадь, утро"),
            std::string::npos);
}

TEST_F(WorksTest, ADamagedPhotoLeavesOnlyItsPlateOut) {
  test::copy_into(test::shared_photos() / "edge-cases" / "jpg" / "corrupted.jpg",
                  photos_ / "streets" / "corrupted.jpg");
  const auto pdf = dir_ / "catalogue.pdf";
  const auto made = test::run_vernissage(
      {"book", photos_.string(), "-o", pdf.string(), "--catalogue", catalogue_},
      {{"XDG_CACHE_HOME", (dir_ / "cache").string()}});
  EXPECT_EQ(made.exit_code, 1) << made.err;
  EXPECT_NE(made.err.find("corrupted.jpg"), std::string::npos) << made.err;
  EXPECT_NE(made.err.find("(plate left out)"), std::string::npos) << made.err;
  EXPECT_NE(made.err.find("8 plates"), std::string::npos) << made.err;
  EXPECT_NE(made.err.find("300 ppi at the least"), std::string::npos) << made.err;
  ASSERT_EQ(test::run_program({"qpdf", "--check", pdf.string()}).exit_code, 0);
}

TEST_F(WorksTest, ABadValueNamesTheFileAndLine) {
  std::string text = kWorks;
  text.replace(text.find("edition = \"1/5\""), 15, "edition = \"6/5\"");
  test::write_text(photos_ / "streets" / "album.toml", text);
  const auto listed = works({"--csv"});
  EXPECT_EQ(listed.exit_code, 1);  // listed without the album's settings, and said so
  const std::string where = (photos_ / "streets" / "album.toml").string() + ":8";
  EXPECT_NE(listed.err.find(where), std::string::npos) << listed.err;
  EXPECT_NE(listed.err.find("photos.\"Nikon D90.jpg\".edition must be a number of an edition"),
            std::string::npos)
      << listed.err;
  const auto built = run_vernissage({"build", photos_.string(), "-o", (dir_ / "site").string(),
                                     "--catalogue", catalogue_, "--formats", "jpeg"});
  EXPECT_EQ(built.exit_code, 1);
  EXPECT_NE(built.err.find(where), std::string::npos) << built.err;
}

TEST_F(WorksTest, ACaptionFilesFrontMatterGivesTheWork) {
  // The Minolta's facts live in its caption file, in YAML; the Kodak's in TOML, in the texts
  // folder; album.toml keeps the other two.
  test::write_text(photos_ / "streets" / "Minolta DiMAGE A1.md",
                   "---\ntitle: Дворик, Париж\nmedium: Gelatin silver print\nedition: 3/8\n"
                   "plate: 3\n---\nA courtyard at noon.\n");
  const fs::path texts = dir_ / "texts";
  test::write_text(texts / "streets" / "Kodak PIXPRO AZ521.jpg.md",
                   "+++\nyear = 2016\nprint_size = \"50 × 50 cm\"\nplate = 4\n+++\nFrom above.\n");
  const auto listed = works({"--csv", "--texts", texts.string()});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const auto lines = lines_of(listed.out);
  ASSERT_GE(lines.size(), 5u);
  EXPECT_EQ(lines[3].rfind("3,\"Дворик, Париж\",", 0), 0u) << lines[3];
  EXPECT_NE(lines[3].find(",Gelatin silver print,,3/8,,Улицы,streets/Minolta DiMAGE A1.jpg,"
                          "A courtyard at noon."),
            std::string::npos)
      << lines[3];
  EXPECT_EQ(lines[4].rfind("4,Kodak PIXPRO AZ521,2016,,50 × 50 cm,", 0), 0u) << lines[4];
  EXPECT_NE(lines[4].find("From above."), std::string::npos) << lines[4];

  // The same plate in album.toml and in a caption: named, and the second loses it (exit 1).
  test::write_text(photos_ / "streets" / "Minolta DiMAGE A1.md", "---\nplate: 2\n---\nNoon.\n");
  const auto clash = works({"--csv"});
  EXPECT_EQ(clash.exit_code, 1);
  EXPECT_NE(clash.err.find("plate 2 is given to both"), std::string::npos) << clash.err;

  // A field in both places names the caption file and album.toml; a bad value its line.
  test::write_text(photos_ / "streets" / "Nexus 4.md", "---\nmedium: Platinum print\n---\n");
  test::write_text(photos_ / "streets" / "Minolta DiMAGE A1.md",
                   "---\ntitle: x\nyear: 1700\n---\n");
  const auto built = run_vernissage({"build", photos_.string(), "-o", (dir_ / "site").string(),
                                     "--catalogue", catalogue_, "--formats", "jpeg"});
  EXPECT_EQ(built.exit_code, 1);
  EXPECT_NE(built.err.find((photos_ / "streets" / "Nexus 4.md").string() +
                           ": medium is given both here and in album.toml"),
            std::string::npos)
      << built.err;
  EXPECT_NE(built.err.find((photos_ / "streets" / "Minolta DiMAGE A1.md").string() +
                           ":3: year must be a year"),
            std::string::npos)
      << built.err;
  // album.toml's medium stands.
  EXPECT_NE(
      test::read_text(dir_ / "site" / "streets" / "nexus-4.html").find("Gelatin silver print"),
      std::string::npos);
}

}  // namespace
}  // namespace vern
