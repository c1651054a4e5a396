// Wall labels as a print shop receives them: opened with qpdf and poppler, as the issue asks.
#include "show/wall_labels.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "support/test_support.h"

namespace vern::show {
namespace {

std::vector<WorkLine> works(int count) {
  std::vector<WorkLine> lines;
  for (int i = 1; i <= count; ++i) {
    WorkLine line;
    line.plate = std::to_string(i);
    line.title = "Étude nº " + std::to_string(i);
    line.year = "2019";
    line.medium = "Archival pigment print";
    line.print_size = "60 × 40 cm";
    line.edition = "1/5";
    line.price = "1 200 €";
    lines.push_back(line);
  }
  lines[0].title = "Красная площадь, утро";
  return lines;
}

std::string run(const std::vector<std::string>& argv) {
  const auto r = test::run_program(argv);
  EXPECT_EQ(r.exit_code, 0) << argv[0] << ": " << r.err;
  return r.out;
}

int pages_of(const std::filesystem::path& pdf) {
  std::smatch m;
  const auto info = run({"pdfinfo", pdf.string()});
  return std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))")) ? std::stoi(m[1]) : -1;
}

TEST(WallLabels, SheetsOfEightOnA4WithEveryFontEmbeddedAndEveryTitleInTheText) {
  test::TempDir dir;
  LabelLayout layout;
  layout.photographer = "Анна Петрова";
  layout.document_title = "Moscow: wall labels";
  const auto report = write_wall_labels(works(11), layout, dir / "labels.pdf");
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_EQ(report->per_page, 8);  // two columns of 100 mm, four rows of 60 mm
  EXPECT_EQ(report->pages, 2);
  EXPECT_EQ(pages_of(dir / "labels.pdf"), 2);
  run({"qpdf", "--check", (dir / "labels.pdf").string()});
  const auto info = run({"pdfinfo", (dir / "labels.pdf").string()});
  EXPECT_NE(info.find("A4"), std::string::npos) << info;
  EXPECT_NE(info.find("Moscow: wall labels"), std::string::npos);
  const auto fonts = run({"pdffonts", (dir / "labels.pdf").string()});
  EXPECT_NE(fonts.find("EBGaramond"), std::string::npos) << fonts;
  EXPECT_NE(fonts.find("Inter"), std::string::npos) << fonts;
  std::istringstream rows(fonts);
  std::string row;
  int listed = 0;
  while (std::getline(rows, row)) {
    if (row.find("Type") == std::string::npos || row.starts_with("name")) continue;
    ++listed;
    EXPECT_NE(row.find(" yes yes "), std::string::npos) << "not embedded: " << row;
  }
  EXPECT_GT(listed, 1);
  const auto text = run({"pdftotext", (dir / "labels.pdf").string(), "-"});
  EXPECT_NE(text.find("Красная площадь, утро, 2019"), std::string::npos) << text;
  EXPECT_NE(text.find("Étude nº 11, 2019"), std::string::npos) << text;
  EXPECT_NE(text.find("Анна Петрова"), std::string::npos);
  EXPECT_NE(text.find("Edition 1/5"), std::string::npos);
  EXPECT_EQ(text.find("1 200 €"), std::string::npos);  // no prices unless asked
  EXPECT_NE(test::read_text(dir / "labels.pdf").find("/OutputIntents"), std::string::npos);
}

TEST(WallLabels, OneLabelAPageAtItsSizeWithPricesWhenAsked) {
  test::TempDir dir;
  LabelLayout layout;
  layout.label = *parse_paper_size("4x2.5in");
  layout.sheet = std::nullopt;
  layout.prices = true;
  const auto report = write_wall_labels(works(3), layout, dir / "labels.pdf");
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_EQ(report->pages, 3);
  const auto info = run({"pdfinfo", (dir / "labels.pdf").string()});
  EXPECT_NE(info.find("288 x 180 pts"), std::string::npos) << info;
  const auto text = run({"pdftotext", (dir / "labels.pdf").string(), "-"});
  EXPECT_NE(text.find("1 200 €"), std::string::npos) << text;
}

TEST(WallLabels, ALongTitleIsSetSmallerToFitItsLabel) {
  test::TempDir dir;
  auto lines = works(1);
  lines[0].title = std::string(40, 'W') + " " + std::string(60, 'M');
  LabelLayout layout;
  layout.label = {60, 40};
  layout.sheet = std::nullopt;
  const auto report = write_wall_labels(lines, layout, dir / "labels.pdf");
  ASSERT_TRUE(report);
  EXPECT_EQ(report->set_small, std::vector<std::string>{lines[0].title});
  // Everything is still on the one page, down to the last line: nothing was cut off. (Text set
  // this small comes out of pdftotext with spaces inside words.)
  const auto text = run({"pdftotext", (dir / "labels.pdf").string(), "-"});
  EXPECT_NE(text.find("60 × 40 cm"), std::string::npos) << text;
  EXPECT_NE(text.find("1/5"), std::string::npos) << text;
  EXPECT_EQ(pages_of(dir / "labels.pdf"), 1);
}

TEST(WallLabels, ALabelLargerThanTheSheetIsRefused) {
  test::TempDir dir;
  LabelLayout layout;
  layout.label = {300, 60};
  const auto report = write_wall_labels(works(1), layout, dir / "labels.pdf");
  ASSERT_FALSE(report);
  EXPECT_NE(report.error().message.find("does not fit"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir / "labels.pdf"));
}

TEST(PaperSize, ReadsSizesInMillimetresCentimetresAndInches) {
  EXPECT_DOUBLE_EQ(parse_paper_size("100x60mm")->width_mm, 100);
  EXPECT_DOUBLE_EQ(parse_paper_size("10 × 6 cm")->height_mm, 60);
  EXPECT_DOUBLE_EQ(parse_paper_size("4x2.5in")->width_mm, 101.6);
  EXPECT_DOUBLE_EQ(parse_paper_size("A4")->height_mm, 297);
  for (const char* bad : {"100x60", "x60mm", "1x1mm", "5000x60mm", "big"}) {
    EXPECT_FALSE(parse_paper_size(bad)) << bad;
  }
  // More digits than a double holds: refused, where std::stod once threw and ended the program.
  const std::string huge(400, '9');
  EXPECT_FALSE(parse_paper_size(huge + "x60mm"));
  EXPECT_FALSE(parse_paper_size("60x" + huge + "mm"));
}

TEST(PaperSize, ReadsABleedOfUpTo10Millimetres) {
  EXPECT_DOUBLE_EQ(*parse_bleed("3mm"), 3);
  EXPECT_DOUBLE_EQ(*parse_bleed(" 3.5 mm "), 3.5);
  EXPECT_DOUBLE_EQ(*parse_bleed("0mm"), 0);
  for (const std::string& bad : {std::string("3"), std::string("11mm"), std::string("3in"),
                                 std::string("-3mm"), std::string(400, '9') + "mm"}) {
    EXPECT_FALSE(parse_bleed(bad)) << bad;
  }
}

}  // namespace
}  // namespace vern::show
