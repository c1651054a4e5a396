#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace vern {
namespace {

TEST(Info, JsonHasExactlyTheSchemaKeysInOrder) {
  const auto result =
      test::run_vernissage({"info", "--json", test::data_file("gps/DSCN0010.jpg").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::ordered_json::parse(result.out);
  ASSERT_TRUE(json.is_array());
  ASSERT_EQ(json.size(), 1u);
  std::vector<std::string> keys;
  for (const auto& [key, value] : json[0].items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "path",      "format",          "width",        "height",   "orientation",
                      "taken_at",  "camera_make",     "camera_model", "lens",     "focal_length_mm",
                      "aperture",  "exposure_time_s", "iso",          "gps_lat",  "gps_lon",
                      "gps_alt_m", "title",           "caption",      "keywords", "creator",
                      "copyright", "rating"}));
  const auto& photo = json[0];
  EXPECT_EQ(photo["format"], "jpeg");
  EXPECT_EQ(photo["width"], 640);
  EXPECT_EQ(photo["height"], 480);
  EXPECT_EQ(photo["camera_model"], "COOLPIX P6000");
  EXPECT_EQ(photo["taken_at"], "2008-10-22T16:28:39");
  EXPECT_NEAR(photo["gps_lat"].get<double>(), 43.4674483, 1e-6);
  EXPECT_NEAR(photo["gps_lon"].get<double>(), 11.8851267, 1e-6);
  EXPECT_TRUE(photo["title"].is_null());
  EXPECT_TRUE(photo["keywords"].is_array());
}

TEST(Info, WidthAndHeightAreAsDisplayed) {
  const auto result = test::run_vernissage({"info", "--json",
                                            test::data_file("orientation/landscape_6.jpg").string(),
                                            test::data_file("captions/xmp_only.jpg").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json[0]["orientation"], 6);
  EXPECT_EQ(json[0]["width"], 600);
  EXPECT_EQ(json[0]["height"], 450);
  EXPECT_EQ(json[1]["rating"], 4);
  EXPECT_EQ(json[1]["keywords"][0], "Москва");
}

TEST(Info, UnreadableFilesAreNamedAndExitWithOne) {
  test::TempDir dir;
  test::write_text(dir / "notes.jpg", "not a photo");
  const auto result = test::run_vernissage(
      {"info", (dir / "notes.jpg").string(), test::data_file("gps/DSCN0010.jpg").string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("notes.jpg"), std::string::npos);
  EXPECT_NE(result.out.find("COOLPIX P6000"), std::string::npos);
}

}  // namespace
}  // namespace vern
