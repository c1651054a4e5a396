// End-to-end: `index`, `search`, `duplicates` and `build --select` on copies of real photos.
#include <gtest/gtest.h>

#include <exiv2/exiv2.hpp>
#include <nlohmann/json.hpp>
#include <vips/vips8>

#include "support/test_support.h"

namespace vern {
namespace {

namespace fs = std::filesystem;
using test::run_vernissage;

// A copy as a website or a messenger makes it: 1200 px, JPEG quality 60, no metadata.
void write_web_copy(const fs::path& from, const fs::path& to) {
  static const bool started = vips_init("archive_test") == 0;
  ASSERT_TRUE(started);
  vips::VImage::thumbnail(from.c_str(), 1200)
      .jpegsave(to.c_str(), vips::VImage::option()->set("Q", 60)->set("strip", true));
}

// A byte-for-byte copy of the pixels with every EXIF, IPTC and XMP field removed.
void write_stripped_copy(const fs::path& from, const fs::path& to) {
  fs::copy_file(from, to);
  auto image = Exiv2::ImageFactory::open(to.string());
  image->readMetadata();
  image->clearMetadata();
  image->writeMetadata();
}

class Archive : public ::testing::Test {
 protected:
  void SetUp() override {
    test::copy_into(test::examples_dir(), photos_);
    catalogue_ = (dir_ / "catalogue.db").string();
  }

  test::CommandResult vernissage(std::vector<std::string> args) {
    args.push_back("--catalogue");
    args.push_back(catalogue_);
    return run_vernissage(args);
  }

  nlohmann::json search_json(const std::string& query) {
    const auto r = vernissage({"search", query, "--json"});
    EXPECT_LE(r.exit_code, 1) << r.err;
    return nlohmann::json::parse(r.out);
  }

  std::vector<std::string> search_paths(const std::string& query) {
    const auto r = vernissage({"search", query, "--paths", "--sort", "path"});
    EXPECT_LE(r.exit_code, 1) << r.err;
    std::vector<std::string> paths;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      paths.push_back(fs::path(line).lexically_relative(photos_).string());
    }
    return paths;
  }

  test::TempDir dir_;
  fs::path photos_ = dir_ / "photos";
  std::string catalogue_;
};

TEST_F(Archive, IndexRecordsEveryPhotoAndRereadsNothingTheSecondTime) {
  const auto first = vernissage({"index", photos_.string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, catalogue_ + "\n");
  EXPECT_NE(first.err.find("Photos: 23 found (23 new, 0 changed, 0 unchanged, 0 moved)"),
            std::string::npos)
      << first.err;
  const auto all = search_json("");
  ASSERT_EQ(all.size(), 23u);
  for (const auto& photo : all) {
    EXPECT_GT(photo["width"].get<int>(), 0);
    EXPECT_EQ(photo["content_hash"].get<std::string>().size(), 32u);
    EXPECT_TRUE(photo.contains("camera_model"));
  }
  const auto second = vernissage({"index", photos_.string()});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("Photos: 23 found (0 new, 0 changed, 23 unchanged, 0 moved)"),
            std::string::npos)
      << second.err;
}

TEST_F(Archive, LibvipsIsLoadedOnlyForPhotosLibjpegCannotRead) {
  // The dynamic loader names every library it opens (LD_DEBUG=files, on stderr). libvips and
  // the 95 libraries under it take 40-50 ms to load: JPEGs and searches must not pay for them.
  const auto loads_libvips = [&](const std::vector<std::string>& args) {
    auto with_catalogue = args;
    with_catalogue.insert(with_catalogue.end(), {"--catalogue", catalogue_});
    const auto r = run_vernissage(with_catalogue, {{"LD_DEBUG", "files"}});
    EXPECT_LE(r.exit_code, 1) << r.err;
    return r.err.find("libvips.so.42") != std::string::npos;
  };
  EXPECT_FALSE(loads_libvips({"index", photos_.string()})) << "23 JPEGs from 23 cameras";
  EXPECT_FALSE(loads_libvips({"search", "camera:canon"}));
  EXPECT_FALSE(loads_libvips({"duplicates"}));
  test::copy_into(test::data_file("heic/IMG_5195.HEIC"), photos_ / "phone" / "IMG_5195.HEIC");
  EXPECT_TRUE(loads_libvips({"index", photos_.string()})) << "a HEIC photo needs libvips";
}

TEST_F(Archive, MovedPhotosKeepTheirIdentityAndRemovedOnesAreMarkedMissing) {
  ASSERT_EQ(vernissage({"index", photos_.string()}).exit_code, 0);
  const auto before = search_json("camera:\"D90\"");
  ASSERT_EQ(before.size(), 1u);
  const auto id = before[0]["id"].get<long long>();

  fs::create_directories(photos_ / "reorganised" / "2011");
  fs::rename(photos_ / "streets" / "Nikon D90.jpg", photos_ / "reorganised" / "2011" / "d90.jpg");
  fs::remove(photos_ / "nature" / "Nikon D40.jpg");
  const auto again = vernissage({"index", photos_.string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(
      again.err.find("(0 new, 0 changed, 21 unchanged, 1 moved), 0 found again, 1 newly missing"),
      std::string::npos)
      << again.err;
  const auto after = search_json("camera:\"D90\"");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0]["id"].get<long long>(), id);
  EXPECT_EQ(after[0]["path"], (photos_ / "reorganised" / "2011" / "d90.jpg").string());

  EXPECT_EQ(search_paths("missing:yes"), std::vector<std::string>{"nature/Nikon D40.jpg"});
  EXPECT_EQ(search_paths("camera:\"D40\"").size(), 0u);  // missing photos are not listed by default
  const auto pruned = vernissage({"index", "--prune", photos_.string()});
  ASSERT_EQ(pruned.exit_code, 0) << pruned.err;
  EXPECT_NE(pruned.err.find("1 forgotten"), std::string::npos) << pruned.err;
  EXPECT_EQ(search_paths("missing:any").size(), 22u);
}

TEST_F(Archive, IndexingOneFolderLeavesTheRestOfTheCatalogueAlone) {
  ASSERT_EQ(vernissage({"index", photos_.string()}).exit_code, 0);
  // The "streets" disk is unplugged: indexing "nature" must not mark streets missing.
  fs::rename(photos_ / "streets", dir_ / "unplugged");
  const auto r = vernissage({"index", (photos_ / "nature").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("0 newly missing"), std::string::npos) << r.err;
  EXPECT_EQ(search_paths("missing:yes").size(), 0u);
}

TEST_F(Archive, SearchFindsTextAndFiltersInEveryOutputForm) {
  test::copy_into(test::data_file("captions"), photos_ / "captions");
  ASSERT_EQ(vernissage({"index", photos_.string()}).exit_code, 0);
  EXPECT_EQ(search_paths("performers"), std::vector<std::string>{"captions/iptc_only.jpg"});
  EXPECT_EQ(search_paths("площадь"), std::vector<std::string>{"captions/xmp_only.jpg"});
  EXPECT_EQ(search_paths("keyword:siberia"), std::vector<std::string>{"captions/xmp_only.jpg"});
  EXPECT_EQ(search_paths("album:captions keyword:moscow"),
            std::vector<std::string>{"captions/iptc_only.jpg"});
  EXPECT_EQ(search_paths("camera:nikon taken:2006..2011 iso:<=250"),
            (std::vector<std::string>{"nature/Nikon D40.jpg", "streets/Nikon D90.jpg"}));

  const auto table = vernissage({"search", "camera:canon", "--sort", "taken"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(table.out.substr(0, 5), "TAKEN");
  EXPECT_NE(table.out.find("Canon EOS 20D"), std::string::npos) << table.out;
  EXPECT_NE(table.err.find("4 photos"), std::string::npos) << table.err;

  const auto limited = search_json("camera:canon");
  EXPECT_EQ(limited.size(), 4u);
  const auto one = vernissage({"search", "camera:canon", "--json", "--limit", "1"});
  EXPECT_EQ(nlohmann::json::parse(one.out).size(), 1u);
}

TEST_F(Archive, TheTableNeverPrintsControlCharactersOfFileNames) {
  fs::copy_file(photos_ / "streets" / "Nikon D90.jpg", photos_ / "streets" / "evil\x1b[2Jname.jpg");
  ASSERT_EQ(vernissage({"index", photos_.string()}).exit_code, 0);
  const auto table = vernissage({"search", "evil"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(table.out.find('\x1b'), std::string::npos);
  EXPECT_NE(table.out.find("evil?[2Jname.jpg"), std::string::npos) << table.out;
  // --paths hands the name over as it is, for tools that take it.
  const auto paths = vernissage({"search", "evil", "--paths"});
  EXPECT_NE(paths.out.find("evil\x1b[2Jname.jpg"), std::string::npos);
}

TEST_F(Archive, SearchExitCodesTellFoundFromNothingFromErrors) {
  ASSERT_EQ(vernissage({"index", photos_.string()}).exit_code, 0);
  EXPECT_EQ(vernissage({"search", "camera:nikon"}).exit_code, 0);
  EXPECT_EQ(vernissage({"search", "no-such-word-anywhere"}).exit_code, 1);
  const auto bad = vernissage({"search", "colour:red"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("unknown filter 'colour:'"), std::string::npos) << bad.err;
  const auto bad_sort = vernissage({"search", "--sort", "colour"});
  EXPECT_EQ(bad_sort.exit_code, 2);
  // Searching never creates a catalogue.
  const auto nowhere = run_vernissage({"search", "x", "--catalogue", (dir_ / "none.db").string()});
  EXPECT_EQ(nowhere.exit_code, 2);
  EXPECT_NE(nowhere.err.find("run `vernissage index PHOTOS` first"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir_ / "none.db"));
}

TEST_F(Archive, DuplicatesFindsResizedAndStrippedCopiesAndNothingElse) {
  const fs::path original = photos_ / "streets" / "Nikon D90.jpg";
  fs::create_directories(photos_ / "card");
  write_web_copy(original, photos_ / "card" / "web.jpg");
  write_stripped_copy(original, photos_ / "card" / "stripped.jpg");
  fs::copy_file(photos_ / "nature" / "Nikon D40.jpg", photos_ / "card" / "same-bytes.jpg");
  ASSERT_EQ(vernissage({"index", photos_.string()}).exit_code, 0);

  const auto r = vernissage({"duplicates", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto out = nlohmann::json::parse(r.out);
  EXPECT_EQ(out["threshold"], 12);
  ASSERT_EQ(out["groups"].size(), 2u) << r.out;  // no two distinct demo photos are grouped

  const auto& exact = out["groups"][0];  // ordered by the best copy's path: nature/ first
  EXPECT_EQ(exact["kind"], "exact");
  ASSERT_EQ(exact["photos"].size(), 2u);
  EXPECT_TRUE(exact["photos"][1]["same_content_as_best"].get<bool>());

  const auto& similar = out["groups"][1];
  EXPECT_EQ(similar["kind"], "similar");
  EXPECT_EQ(similar["best"], original.string());
  EXPECT_EQ(similar["why"], "most metadata (8 fields)");  // same pixels as the stripped copy
  ASSERT_EQ(similar["photos"].size(), 3u);
  std::set<std::string> copies;
  for (std::size_t i = 1; i < 3; ++i) {
    copies.insert(fs::path(similar["photos"][i]["path"].get<std::string>()).filename().string());
    EXPECT_LE(similar["photos"][i]["distance"].get<int>(), 12);
  }
  EXPECT_EQ(copies, (std::set<std::string>{"web.jpg", "stripped.jpg"}));

  // "Did I already import this card?": only the groups touching the card folder.
  const auto card = vernissage({"duplicates", "--under", (photos_ / "card").string()});
  EXPECT_EQ(card.exit_code, 0);
  EXPECT_NE(card.out.find("keep " + original.string()), std::string::npos) << card.out;
  // At threshold 0 only identical files remain grouped (the original is hashed from its EXIF
  // thumbnail, a few bits from its stripped copy's decoded pixels).
  const auto strict = vernissage({"duplicates", "--threshold", "0", "--json"});
  const auto strict_out = nlohmann::json::parse(strict.out);
  ASSERT_EQ(strict_out["groups"].size(), 1u) << strict.out;
  EXPECT_EQ(strict_out["groups"][0]["kind"], "exact");
}

TEST_F(Archive, NoDuplicatesMeansExitOne) {
  ASSERT_EQ(vernissage({"index", photos_.string()}).exit_code, 0);
  const auto r = vernissage({"duplicates"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(r.out, "");
}

TEST_F(Archive, BuildSelectPublishesOnlyTheChosenSeries) {
  const auto site = dir_ / "site";
  const auto r = vernissage({"build", photos_.string(), "-o", site.string(), "--select",
                             "camera:canon", "--sizes", "480", "--formats", "jpeg"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("Selected 4 photos"), std::string::npos) << r.err;
  std::vector<std::string> pages;
  for (const auto& entry : fs::recursive_directory_iterator(site)) {
    const auto name = entry.path().filename().string();
    if (name.ends_with(".html") && name != "index.html" && name != "404.html")
      pages.push_back(name);
  }
  std::sort(pages.begin(), pages.end());
  EXPECT_EQ(pages, (std::vector<std::string>{"canon-eos-1d-mark-iii-via-adobe-lightroom.html",
                                             "canon-eos-20d-2.html", "canon-eos-30d-4.html",
                                             "canon-eos-350d.html"}));
  // A narrower selection removes what is no longer chosen.
  const auto narrower =
      vernissage({"build", photos_.string(), "-o", site.string(), "--select",
                  "camera:canon album:streets", "--sizes", "480", "--formats", "jpeg"});
  ASSERT_EQ(narrower.exit_code, 0) << narrower.err;
  EXPECT_FALSE(fs::exists(site / "nature"));
  EXPECT_TRUE(fs::exists(site / "streets" / "canon-eos-30d-4.html"));
  const auto bad =
      vernissage({"build", photos_.string(), "-o", site.string(), "--select", "iso:lots"});
  EXPECT_EQ(bad.exit_code, 2);
}

TEST_F(Archive, ADryRunSelectionLeavesTheCatalogueAlone) {
  ASSERT_EQ(vernissage({"index", (photos_ / "streets").string()}).exit_code, 0);
  ASSERT_EQ(search_paths("missing:any").size(), 8u);
  const auto r = vernissage({"build", photos_.string(), "-o", (dir_ / "site").string(), "--dry-run",
                             "--select", "camera:canon", "--sizes", "480", "--formats", "jpeg"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("Selected 4 photos"), std::string::npos) << r.err;
  EXPECT_EQ(search_paths("missing:any").size(), 8u);  // nothing of nature/ or machines/ recorded
  EXPECT_FALSE(fs::exists(dir_ / "site"));
}

TEST_F(Archive, CatalogueLocationComesFromSettingsWhenNotGiven) {
  const fs::path config_home = dir_ / "config";
  test::write_text(config_home / "vernissage" / "config.toml", "[catalogue]\npath = \"mine.db\"\n");
  const auto r = run_vernissage(
      {"index", photos_.string()},
      {{"VERNISSAGE_CATALOGUE", std::nullopt}, {"XDG_CONFIG_HOME", config_home.string()}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(config_home / "vernissage" / "mine.db"));
  // The environment variable wins over the settings file, and the flag over both.
  const auto by_env =
      run_vernissage({"search", "--paths"}, {{"VERNISSAGE_CATALOGUE", (dir_ / "env.db").string()},
                                             {"XDG_CONFIG_HOME", config_home.string()}});
  EXPECT_EQ(by_env.exit_code, 2);
  EXPECT_NE(by_env.err.find("env.db"), std::string::npos) << by_env.err;

  test::write_text(config_home / "vernissage" / "config.toml", "[catalogue]\nfile = \"x.db\"\n");
  const auto typo = run_vernissage({"search"}, {{"VERNISSAGE_CATALOGUE", std::nullopt},
                                                {"XDG_CONFIG_HOME", config_home.string()}});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("unknown setting \"catalogue.file\""), std::string::npos) << typo.err;

  // A photo folder's vernissage.toml can name the catalogue for its builds.
  test::write_text(photos_ / "vernissage.toml", "[catalogue]\npath = \"../project.db\"\n");
  const auto build = run_vernissage(
      {"build", photos_.string(), "-o", (dir_ / "site").string(), "--sizes", "480", "--formats",
       "jpeg"},
      {{"VERNISSAGE_CATALOGUE", std::nullopt}, {"XDG_CONFIG_HOME", config_home.string()}});
  ASSERT_EQ(build.exit_code, 0) << build.err;
  EXPECT_TRUE(fs::exists(dir_ / "project.db"));
}

TEST_F(Archive, ACorruptCatalogueIsReportedAndLeftAsItWas) {
  test::write_text(catalogue_, std::string(8192, 'x'));
  const auto r = vernissage({"index", photos_.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("corrupt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(catalogue_), std::string::npos) << r.err;
  EXPECT_EQ(test::read_text(catalogue_), std::string(8192, 'x'));
}

}  // namespace
}  // namespace vern
