#include "show/works_list.h"

#include <gtest/gtest.h>

namespace vern::show {
namespace {

site::PhotoInput photo(const std::string& name, std::optional<int> plate) {
  site::PhotoInput p;
  p.source_path = "paris/" + name;
  p.file_name = name;
  p.metadata.taken_at = "2019-05-09T14:02:11+03:00";
  p.work.plate = plate;
  return p;
}

TEST(WorksList, PlatesFirstInOrderThenTheRestAsTheSiteShowsThem) {
  site::FolderInput root;
  site::FolderInput paris;
  paris.name = "paris";
  paris.settings.title = "Paris, la nuit";
  auto first = photo("a.jpg", std::nullopt);
  first.metadata.taken_at = "2018-01-01T00:00:00";
  auto titled = photo("b.jpg", 2);
  titled.work.title = "Quai de Valmy, \"5 a.m.\"";
  titled.work.medium = "Archival pigment print";
  titled.work.print_size = "60 × 40 cm";
  titled.work.edition = "1/5";
  titled.work.price = "1 200 €";
  titled.metadata.caption = "Le canal,\nà l'aube";
  auto one = photo("c.jpg", 1);
  one.work.year = 2021;
  paris.photos = {first, titled, one};
  root.children = {paris};
  const auto gallery = site::make_gallery(root, "Show");
  const auto lines = work_lines(works_in_order(gallery), gallery);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].file, "paris/c.jpg");
  EXPECT_EQ(lines[0].year, "2021");  // the work's own year over the capture's
  EXPECT_EQ(lines[1].file, "paris/b.jpg");
  EXPECT_EQ(lines[1].title, "Quai de Valmy, \"5 a.m.\"");
  EXPECT_EQ(lines[2].file, "paris/a.jpg");
  EXPECT_EQ(lines[2].plate, "");
  EXPECT_EQ(lines[2].year, "2018");
  EXPECT_EQ(lines[2].album, "Paris, la nuit");

  const auto csv = works_csv(lines);
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBFplate,title,year,medium,print_size,edition,price,album,file,"
                      "caption\r\n",
                      0),
            0u);
  EXPECT_NE(csv.find("2,\"Quai de Valmy, \"\"5 a.m.\"\"\",2019,Archival pigment print,60 × 40 "
                     "cm,1/5,1 200 €,\"Paris, la nuit\",paris/b.jpg,\"Le canal,\nà l'aube\"\r\n"),
            std::string::npos)
      << csv;
  const auto table = works_table(lines);
  EXPECT_NE(table.find("PLATE  TITLE"), std::string::npos) << table;
  EXPECT_NE(table.find("1 200 €"), std::string::npos);
}

}  // namespace
}  // namespace vern::show
