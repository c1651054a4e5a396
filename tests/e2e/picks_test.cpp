// End-to-end: the marks of share links back in the photographer's tools, `vernissage picks`.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "catalogue/catalogue_tables.h"
#include "catalogue/share_table.h"
#include "support/test_support.h"

namespace vern {
namespace {

namespace fs = std::filesystem;

class PicksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test::copy_into(test::examples_dir() / "streets", dir_ / "photos/streets");
    // A name in Cyrillic, with a comma and a space, as Excel and the CSV must keep it.
    fs::rename(dir_ / "photos/streets/Nikon D90.jpg", dir_ / "photos/streets/Москва, вечер.jpg");
    ASSERT_EQ(run({"index", (dir_ / "photos").string()}).exit_code, 0);
    ASSERT_EQ(
        run({"share", "create", "--album", (dir_ / "photos/streets").string(), "--to", "Le Monde"})
            .exit_code,
        0);
    ASSERT_EQ(
        run({"share", "create", "--album", (dir_ / "photos/streets").string(), "--to", "Magnum"})
            .exit_code,
        0);
    auto tables = catalogue::open_sqlite_tables(catalogue());
    ASSERT_TRUE(tables);
    const auto ids = (*tables->shares->find(1))->photo_ids;
    ASSERT_GE(ids.size(), 4u);
    auto id_of = [&](const std::string& name) {
      return (*tables->photos->find((dir_ / "photos/streets" / name).string()))->id;
    };
    moscow_ = id_of("Москва, вечер.jpg");
    ASSERT_TRUE(tables->shares->set_mark(
        {1, moscow_, "pick", 5, "Cover, \"maybe\"", "2026-11-30T10:00:00Z"}));
    ASSERT_TRUE(tables->shares->set_mark(
        {1, id_of("Nexus 4.jpg"), "pick", std::nullopt, std::nullopt, "2026-11-30T10:01:00Z"}));
    ASSERT_TRUE(tables->shares->set_mark({1, id_of("Panasonic FX7.jpg"), "reject", std::nullopt,
                                          std::nullopt, "2026-11-30T10:02:00Z"}));
    ASSERT_TRUE(tables->shares->set_mark({1, id_of("Minolta DiMAGE A1.jpg"), std::nullopt, 3,
                                          std::nullopt, "2026-11-30T12:00:00Z"}));
    ASSERT_TRUE(tables->shares->set_sent(1, "2026-11-30T11:00:00Z"));
  }
  fs::path catalogue() const { return dir_ / "catalogue.db"; }
  test::CommandResult run(std::vector<std::string> args) const {
    args.push_back("--catalogue");
    args.push_back(catalogue().string());
    return test::run_vernissage(args);
  }
  test::TempDir dir_;
  std::int64_t moscow_ = 0;
};

TEST_F(PicksTest, JsonHasTheContractKeysAndOneObjectPerMarkedPhoto) {
  const auto picks = run({"picks", "1", "--json"});
  ASSERT_EQ(picks.exit_code, 0) << picks.err;
  const auto json = nlohmann::ordered_json::parse(picks.out);
  ASSERT_EQ(json.size(), 4u);
  std::vector<std::string> keys;
  for (const auto& [key, value] : json[0].items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"share", "to", "path", "state", "rating", "comment",
                                            "sent", "updated"}));
  int sent = 0;
  for (const auto& row : json) {
    EXPECT_EQ(row["share"], 1);
    EXPECT_EQ(row["to"], "Le Monde");
    sent += row["sent"].get<bool>();
    if (row["path"].get<std::string>().ends_with("Москва, вечер.jpg")) {
      EXPECT_EQ(row["state"], "pick");
      EXPECT_EQ(row["rating"], 5);
      EXPECT_EQ(row["comment"], "Cover, \"maybe\"");
    }
    if (row["path"].get<std::string>().ends_with("Minolta DiMAGE A1.jpg")) {
      EXPECT_TRUE(row["state"].is_null());
      EXPECT_FALSE(row["sent"]);  // changed after the selection was sent
    }
  }
  EXPECT_EQ(sent, 3);
  // The other link to the same photos has no marks; all links together have the first's.
  EXPECT_TRUE(nlohmann::json::parse(run({"picks", "2", "--json"}).out).empty());
  EXPECT_EQ(nlohmann::json::parse(run({"picks", "--json"}).out).size(), 4u);
  const auto counts = run({"picks"});
  EXPECT_NE(counts.out.find("1  Le Monde  2 picked, 1 rejected, 2 rated, 1 commented  sent"),
            std::string::npos)
      << counts.out;
  EXPECT_EQ(run({"picks", "9"}).exit_code, 2);
}

TEST_F(PicksTest, CsvParsesBackWithItsCyrillicNameCommaAndQuotes) {
  const auto out = dir_ / "out";
  const auto exported = run({"picks", "export", "1", "--format", "csv", "-o", out.string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const auto csv = test::read_text(out / "picks-1.csv");
  ASSERT_TRUE(
      csv.starts_with("\xEF\xBB\xBF"
                      "file name,path,state,rating,comment,recipient,time\r\n"));
  // Python's csv module as the independent reader.
  const auto parsed = test::run_program(
      {"python3", "-c",
       "import csv,sys,json; rows=list(csv.reader(open(sys.argv[1],encoding='utf-8-sig')));"
       "print(json.dumps(rows))",
       (out / "picks-1.csv").string()});
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err;
  const auto rows = nlohmann::json::parse(parsed.out);
  ASSERT_EQ(rows.size(), 5u);
  bool found = false;
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 7u);
    if (row[0] == "Москва, вечер.jpg") {
      found = true;
      EXPECT_EQ(row[2], "pick");
      EXPECT_EQ(row[3], "5");
      EXPECT_EQ(row[4], "Cover, \"maybe\"");
      EXPECT_EQ(row[5], "Le Monde");
    }
  }
  EXPECT_TRUE(found);
  // Not over an existing file without --force.
  EXPECT_EQ(run({"picks", "export", "1", "--format", "csv", "-o", out.string()}).exit_code, 2);
  EXPECT_EQ(
      run({"picks", "export", "1", "--format", "csv", "-o", out.string(), "--force"}).exit_code, 0);
}

TEST_F(PicksTest, LightroomAndCaptureOneGetThePickedNames) {
  const auto lines = run({"picks", "export", "1", "--format", "lightroom"});
  ASSERT_EQ(lines.exit_code, 0) << lines.err;
  EXPECT_NE(lines.out.find("Contains): Москва, Nexus\n"), std::string::npos) << lines.out;
  EXPECT_NE(lines.out.find("any of): Москва, вечер, Nexus 4\n"), std::string::npos) << lines.out;
  EXPECT_NE(lines.err.find("holds spaces"), std::string::npos);
}

TEST_F(PicksTest, XmpSidecarsCarryRatingAndLabelAsExiftoolReadsThem) {
  const auto out = dir_ / "xmp";
  const auto originals_before = test::read_bytes(dir_ / "photos/streets/Nexus 4.jpg");
  const auto exported = run({"picks", "export", "1", "--format", "xmp", "-o", out.string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const auto read =
      test::run_program({"exiftool", "-j", "-XMP:Rating", "-XMP:Label", out.string()});
  ASSERT_EQ(read.exit_code, 0) << read.err;
  std::map<std::string, nlohmann::json> by_name;
  for (const auto& file : nlohmann::json::parse(read.out)) {
    by_name[fs::path(file["SourceFile"].get<std::string>()).filename().string()] = file;
  }
  ASSERT_EQ(by_name.size(), 4u);  // the picked, the rejected and the rated; darktable's names
  EXPECT_EQ(by_name["Москва, вечер.jpg.xmp"]["Rating"], 5);
  EXPECT_EQ(by_name["Москва, вечер.jpg.xmp"]["Label"], "Green");
  EXPECT_EQ(by_name["Panasonic FX7.jpg.xmp"]["Rating"], -1);
  EXPECT_EQ(by_name["Minolta DiMAGE A1.jpg.xmp"]["Rating"], 3);
  EXPECT_EQ(by_name["Nexus 4.jpg.xmp"]["Label"], "Green");
  EXPECT_EQ(test::read_bytes(dir_ / "photos/streets/Nexus 4.jpg"), originals_before);
  EXPECT_FALSE(fs::exists(dir_ / "photos/streets/Nexus 4.jpg.xmp"));  // nothing beside originals
  // Adobe's names; nothing over an existing sidecar without --force.
  const auto adobe = run(
      {"picks", "export", "1", "--format", "xmp", "-o", out.string(), "--sidecar-style", "adobe"});
  ASSERT_EQ(adobe.exit_code, 0) << adobe.err;
  EXPECT_TRUE(fs::exists(out / "Nexus 4.xmp"));
  EXPECT_EQ(run({"picks", "export", "1", "--format", "xmp", "-o", out.string()}).exit_code, 2);
}

TEST_F(PicksTest, PicksAreSearchableAndRatingsGoToTheCatalogueOnlyWhenAsked) {
  const auto picked = run({"search", "picked:lemonde", "--paths"});
  ASSERT_EQ(picked.exit_code, 0) << picked.err;
  EXPECT_EQ(std::count(picked.out.begin(), picked.out.end(), '\n'), 2) << picked.out;
  EXPECT_NE(picked.out.find("Nexus 4.jpg"), std::string::npos);
  EXPECT_EQ(run({"search", "picked:magnum", "--paths"}).exit_code, 1);  // nothing matched
  EXPECT_EQ(run({"search", "picked:any", "--paths"}).exit_code, 0);

  // The photographer rated one photo; the recipient rated it and another.
  {
    auto tables = catalogue::open_sqlite_tables(catalogue());
    auto minolta = *tables->photos->find((dir_ / "photos/streets/Minolta DiMAGE A1.jpg").string());
    minolta->metadata.rating = 1;
    ASSERT_TRUE(tables->photos->put(*minolta));
  }
  EXPECT_EQ(run({"search", "rating:>=3", "--paths"}).exit_code, 1);
  const auto copied = run({"picks", "1", "--to-catalogue"});
  ASSERT_EQ(copied.exit_code, 0) << copied.err;
  EXPECT_NE(copied.err.find("1 ratings copied"), std::string::npos) << copied.err;
  const auto rated = run({"search", "rating:>=3", "--paths"});
  EXPECT_NE(rated.out.find("Москва, вечер.jpg"), std::string::npos) << rated.out;
  EXPECT_EQ(rated.out.find("Minolta"), std::string::npos) << rated.out;  // the photographer's 1
  ASSERT_EQ(run({"picks", "1", "--to-catalogue", "--overwrite-ratings"}).exit_code, 0);
  EXPECT_NE(run({"search", "rating:3", "--paths"}).out.find("Minolta"), std::string::npos);
}

}  // namespace
}  // namespace vern
