// End-to-end: runs the vernissage binary on copies of real photos and checks the site it writes.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <exiv2/exiv2.hpp>
#include <map>
#include <vips/vips8>

#include "e2e/site_checks.h"
#include "support/test_support.h"

namespace vern {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> files_with_extension(const fs::path& root, const std::string& ext) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() == ext) files.push_back(entry.path());
  }
  return files;
}

// The demo archive, built once by the ctest fixture "build_demo_site" (tests/CMakeLists.txt).
class DemoSite : public ::testing::Test {
 protected:
  static fs::path site() { return fs::path(VERN_DEMO_SITE); }
};

TEST_F(DemoSite, BuildSucceedsAndPrintsTheIndexPath) {
  // The fixture fails on a non-zero exit; here the output of that run is checked.
  EXPECT_EQ(test::read_text(site().parent_path() / "stdout"),
            (site() / "index.html").string() + "\n");
  const std::string log = test::read_text(site().parent_path() / "stderr");
  EXPECT_NE(log.find("Photos: 23 published (23 new, 0 changed, 0 unchanged), 0 removed, 0 failed; "
                     "23 read, 23 decoded"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("Files: 276 images and "), std::string::npos) << log;
  EXPECT_EQ(log.find("warning"), std::string::npos) << log;
}

TEST_F(DemoSite, HasAPageForEveryAlbumAndPhoto) {
  for (const char* album : {"streets", "nature", "machines"}) {
    EXPECT_TRUE(fs::exists(site() / album / "index.html")) << album;
  }
  int photo_pages = 0;
  for (const auto& page : files_with_extension(site(), ".html")) {
    const auto name = page.filename().string();
    if (name != "index.html" && name != "404.html" && name != "about.html") ++photo_pages;
  }
  EXPECT_EQ(photo_pages, 23);
  EXPECT_TRUE(fs::exists(site() / "streets/nikon-d90.html"));
  EXPECT_TRUE(fs::exists(site() / "machines/canon-eos-20d-2.html"));
  // The demo's texts (examples/demo) give it a home page that introduces, and an About page.
  EXPECT_TRUE(fs::exists(site() / "about.html"));
  EXPECT_NE(test::read_text(site() / "index.html").find("class=\"intro-cover\""),
            std::string::npos);
}

TEST_F(DemoSite, EveryLinkInTheSiteResolves) {
  const auto links = test::local_links(site());
  EXPECT_GT(links.size(), 500u);
  for (const auto& link : links) {
    EXPECT_TRUE(fs::is_regular_file(link.target)) << link.page << " links to missing " << link.url;
  }
}

TEST_F(DemoSite, EveryPhotoHasEachSizeInEachFormat) {
  // 23 photos × 4 sizes × 3 formats: every demo photo is larger than 2400 px.
  EXPECT_EQ(files_with_extension(site() / "media", ".jpg").size(), 23u * 4);
  EXPECT_EQ(files_with_extension(site() / "media", ".webp").size(), 23u * 4);
  EXPECT_EQ(files_with_extension(site() / "media", ".avif").size(), 23u * 4);
}

TEST_F(DemoSite, PrivacyAuditFindsNothing) {
  const auto audit = test::run_vernissage({"audit", site().string()});
  EXPECT_EQ(audit.exit_code, 0) << audit.out << audit.err;
  EXPECT_EQ(audit.out, "");
}

TEST_F(DemoSite, PhotoPagesShowCaptureFacts) {
  const std::string page = test::read_text(site() / "streets/nikon-d90.html");
  EXPECT_NE(page.find("NIKON D90"), std::string::npos);
  EXPECT_NE(page.find("f/3.2"), std::string::npos);
  EXPECT_NE(page.find("1/10 s"), std::string::npos);
  EXPECT_NE(page.find("25 April 2011, 01:55"), std::string::npos);
}

TEST_F(DemoSite, RebuildWithNothingChangedDecodesAndWritesNothing) {
  const auto before = test::tree_contents(site());
  const auto again = test::run_vernissage(
      {"build", test::examples_dir().string(), "-o", site().string(), "--verbose", "--texts",
       (fs::path(VERN_SOURCE_DIR) / "examples/demo").string(), "--catalogue",
       (site().parent_path() / "catalogue.db").string()});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.err.find("read=1"), std::string::npos);
  EXPECT_EQ(again.err.find("decoded=1"), std::string::npos);
  EXPECT_NE(
      again.err.find("(0 new, 0 changed, 23 unchanged), 0 removed, 0 failed; 0 read, 0 decoded"),
      std::string::npos)
      << again.err;
  EXPECT_NE(again.err.find("Files: 0 images and 0 pages written"), std::string::npos) << again.err;
  EXPECT_EQ(test::tree_contents(site()), before);
}

class BuildTest : public ::testing::Test {
 protected:
  fs::path photos() const { return dir_.path() / "photos"; }
  fs::path site() const { return dir_.path() / "site"; }
  fs::path catalogue() const { return dir_.path() / "catalogue.db"; }
  // Builds the site; unless location or originals (which keep their camera EXIF) were asked
  // for, the privacy audit must then find nothing.
  test::CommandResult build(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"build",       photos().string(),   "-o",      site().string(),
                                     "--formats",   "webp,jpeg",         "--sizes", "320,640",
                                     "--catalogue", catalogue().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    auto result = test::run_vernissage(args);
    const bool public_site =
        std::find(extra.begin(), extra.end(), "--keep-location") == extra.end() &&
        std::find(extra.begin(), extra.end(), "--include-originals") == extra.end();
    if (result.exit_code <= 1 && public_site && fs::exists(site())) {
      const auto audit = test::run_vernissage({"audit", site().string()});
      EXPECT_EQ(audit.exit_code, 0) << audit.out;
    }
    return result;
  }
  test::TempDir dir_;
};

TEST_F(BuildTest, NoOutputCarriesGpsUnlessAskedTo) {
  test::copy_into(test::data_file("gps"), photos() / "trip");
  const auto result = build({"--include-originals"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  int images = 0;
  for (const auto& entry : fs::recursive_directory_iterator(site())) {
    if (!entry.is_regular_file()) continue;
    const auto ext = entry.path().extension();
    if (ext == ".html" || ext == ".css") {
      const std::string text = test::read_text(entry.path());
      EXPECT_EQ(text.find("43.46"), std::string::npos) << entry.path();
      EXPECT_EQ(text.find("11.88"), std::string::npos) << entry.path();
      continue;
    }
    if (ext != ".jpg" && ext != ".webp") continue;
    ++images;
    std::unique_ptr<Exiv2::Image> image(Exiv2::ImageFactory::open(entry.path().string()).release());
    image->readMetadata();
    for (const auto& datum : image->exifData()) {
      EXPECT_NE(datum.groupName(), "GPSInfo") << entry.path();
      EXPECT_EQ(datum.key().find("Serial"), std::string::npos) << entry.path();
    }
  }
  EXPECT_EQ(images, 2 * 2 * 2 + 2);  // 2 photos × 2 sizes × 2 formats, plus 2 originals

  const auto kept = build({"--keep-location"});
  ASSERT_EQ(kept.exit_code, 0) << kept.err;
  EXPECT_NE(test::read_text(site() / "trip/dscn0010.html").find("43.46745"), std::string::npos);
}

TEST_F(BuildTest, CaptionsAndKeywordsFromIptcAndXmpAppearOnPages) {
  test::copy_into(test::data_file("captions"), photos() / "moscow");
  const auto result = build();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string iptc = test::read_text(site() / "moscow/iptc_only.html");
  EXPECT_NE(iptc.find("Street performers on Red Square at dusk"), std::string::npos);
  EXPECT_NE(iptc.find("<li>Moscow</li>"), std::string::npos);
  EXPECT_NE(iptc.find("Red Square performers"), std::string::npos);
  const std::string xmp = test::read_text(site() / "moscow/xmp_only.html");
  EXPECT_NE(xmp.find("Вечер на Красной площади"), std::string::npos);
  EXPECT_NE(xmp.find("<li>Siberia</li>"), std::string::npos);
  EXPECT_NE(xmp.find("<li>Paris</li>"), std::string::npos);
}

TEST_F(BuildTest, BrokenFilesAreNamedSkippedAndTheRestPublished) {
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "good.jpg");
  test::write_text(photos() / "empty.jpg", "");
  test::write_text(photos() / "notes.jpg", "not a photo");
  const auto result = build();
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("empty.jpg"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("notes.jpg"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("2 input(s) skipped"), std::string::npos) << result.err;
  EXPECT_TRUE(fs::exists(site() / "good.html"));
}

TEST_F(BuildTest, TruncatedPhotoIsPublishedFromWhatDecodesWithAWarning) {
  // A copy cut short, as from a card pulled out mid-write.
  const std::string whole = test::read_text(test::examples_dir() / "nature/Nikon D40.jpg");
  test::write_text(photos() / "truncated.jpg", whole.substr(0, whole.size() * 2 / 3));
  const auto result = build();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("truncated.jpg"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("part that decodes"), std::string::npos) << result.err;
  EXPECT_TRUE(fs::exists(site() / "truncated.html"));
}

TEST_F(BuildTest, UndecodablePhotoIsSkippedWithTheDecodersReason) {
  test::copy_into(test::data_file("invalid/corrupted.jpg"), photos() / "damaged.jpg");
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "good.jpg");
  const auto result = build();
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("damaged.jpg: cannot decode: VipsJpeg: Corrupt JPEG data"),
            std::string::npos)
      << result.err;
  EXPECT_FALSE(fs::exists(site() / "damaged.html"));
  EXPECT_TRUE(fs::exists(site() / "good.html"));
}

TEST_F(BuildTest, TwoCleanBuildsAreByteIdentical) {
  test::copy_into(test::data_file("captions"), photos() / "a");
  test::copy_into(test::data_file("orientation"), photos() / "b");
  ASSERT_EQ(build().exit_code, 0);
  const auto first = test::tree_contents(site());
  fs::remove_all(site());
  fs::remove(catalogue());
  ASSERT_EQ(build().exit_code, 0);
  EXPECT_EQ(test::tree_contents(site()), first);
}

// The site folder holds the site: uploaded whole (dot-files included), it must not give away the
// photographer's own file and folder names, and a build with nothing to do writes nothing.
TEST_F(BuildTest, TheSiteNamesNoSourcePathAndANoOpBuildWritesNoFile) {
  test::copy_into(test::data_file("orientation/landscape_1.jpg"),
                  photos() / "Client Dupont 2019/IMG_0042 final.jpg");
  test::copy_into(test::data_file("orientation/landscape_2.jpg"), photos() / "IMG_0043.jpg");
  ASSERT_EQ(build().exit_code, 0);
  for (const auto& [path, contents] : test::tree_contents(site())) {
    EXPECT_EQ(contents.find("Client Dupont 2019/IMG_0042 final.jpg"), std::string::npos) << path;
    EXPECT_EQ(contents.find("IMG_0043.jpg"), std::string::npos) << path;
  }
  struct Stamp {
    fs::file_time_type mtime;
    ino_t inode;
    bool operator==(const Stamp&) const = default;
  };
  const auto stamps = [&] {
    std::map<std::string, Stamp> out;
    for (const auto& entry : fs::recursive_directory_iterator(site())) {
      struct stat st {};
      ::stat(entry.path().c_str(), &st);
      if (entry.is_regular_file())
        out[entry.path().string()] = {entry.last_write_time(), st.st_ino};
    }
    return out;
  };
  const auto before = stamps();
  const auto again = build();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(stamps() == before) << "a build with nothing to do rewrote a file";

  // audit --photos checks every page, feed and the marker against the photo folder's paths.
  const auto clean =
      test::run_vernissage({"audit", site().string(), "--photos", photos().string()});
  EXPECT_EQ(clean.exit_code, 0) << clean.out;
  test::write_text(site() / "notes.txt", "from Client Dupont 2019/IMG_0042 final.jpg");
  const auto leaked =
      test::run_vernissage({"audit", site().string(), "--photos", photos().string()});
  EXPECT_EQ(leaked.exit_code, 1);
  EXPECT_NE(leaked.out.find("notes.txt: names 1 file(s) of the photo folder by path "
                            "(\"Client Dupont 2019/IMG_0042 final.jpg\")"),
            std::string::npos)
      << leaked.out;
  fs::remove(site() / "notes.txt");

  // Removing a photo is still counted from the opaque ids.
  fs::remove(photos() / "IMG_0043.jpg");
  const auto removed = build();
  EXPECT_NE(removed.err.find("1 removed"), std::string::npos) << removed.err;
}

// A marker written by an older Vernissage listed every source path; audit says so, and the next
// build replaces it, still counting what was removed.
TEST_F(BuildTest, AuditFlagsAnOldMarkerThatNamesSourcePathsAndABuildReplacesIt) {
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "a.jpg");
  ASSERT_EQ(build().exit_code, 0);
  test::write_text(site() / ".vernissage-site",
                   "{\"generator\": \"vernissage\", \"sources\": [\"a.jpg\", \"gone/b.jpg\"]}\n");
  const auto audit = test::run_vernissage({"audit", site().string()});
  EXPECT_EQ(audit.exit_code, 1);
  EXPECT_NE(audit.out.find(".vernissage-site: names 2 files of the photo folder"),
            std::string::npos)
      << audit.out;
  const auto rebuilt = build();  // audits the site again, which must now be clean
  ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.err;
  EXPECT_NE(rebuilt.err.find("1 removed"), std::string::npos) << rebuilt.err;
  EXPECT_EQ(test::read_text(site() / ".vernissage-site").find("gone/b.jpg"), std::string::npos);
}

TEST_F(BuildTest, SettingsFileIsReadAndFlagsWin) {
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "x.jpg");
  test::write_text(photos() / "vernissage.toml",
                   "[site]\ntitle = \"From the file\"\ncopyright = \"© Anna\"\n");
  ASSERT_EQ(build().exit_code, 0);
  const std::string index = test::read_text(site() / "index.html");
  EXPECT_NE(index.find("<title>From the file</title>"), std::string::npos);
  EXPECT_NE(index.find("© Anna"), std::string::npos);
  ASSERT_EQ(build({"--title", "From the flag"}).exit_code, 0);
  EXPECT_NE(test::read_text(site() / "index.html").find("<title>From the flag</title>"),
            std::string::npos);
}

TEST_F(BuildTest, UsageErrorsExitWithTwo) {
  fs::create_directories(photos());
  EXPECT_EQ(test::run_vernissage({"build"}).exit_code, 2);
  EXPECT_EQ(test::run_vernissage({"build", photos().string()}).exit_code, 2);
  EXPECT_EQ(test::run_vernissage({"nonsense"}).exit_code, 2);
  const auto inside =
      test::run_vernissage({"build", photos().string(), "-o", (photos() / "site").string()});
  EXPECT_EQ(inside.exit_code, 2);
  EXPECT_NE(inside.err.find("photo folder"), std::string::npos);
  const auto help = test::run_vernissage({"build", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Exit codes"), std::string::npos);
}

TEST_F(BuildTest, AlbumSettingsAndSidecarCaptionsShapeTheSite) {
  const auto jpeg = test::data_file("orientation/landscape_1.jpg");
  test::copy_into(jpeg, photos() / "paris/a.jpg");
  test::copy_into(jpeg, photos() / "paris/b.jpg");
  test::copy_into(jpeg, photos() / "secret/s.jpg");
  test::write_text(photos() / "paris/album.toml",
                   "title = \"Paris, mai 2019\"\ndescription = \"Nuit blanche\"\n"
                   "cover = \"b.jpg\"\nsort = \"name\"\n");
  test::write_text(photos() / "paris/a.md", "\nQuai de Valmy, 5 a.m.\n\n");
  test::write_text(photos() / "secret/album.toml", "hidden = true\n");
  const auto result = build();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string index = test::read_text(site() / "index.html");
  EXPECT_NE(index.find("Paris, mai 2019"), std::string::npos);
  EXPECT_EQ(index.find("secret/index.html"), std::string::npos);
  EXPECT_TRUE(fs::exists(site() / "secret/index.html"));
  EXPECT_NE(test::read_text(site() / "paris/index.html").find("Nuit blanche"), std::string::npos);
  EXPECT_NE(test::read_text(site() / "paris/a.html").find("Quai de Valmy, 5 a.m."),
            std::string::npos);
  EXPECT_EQ(test::read_text(site() / "feed.xml").find("secret"), std::string::npos);
}

// The words kept apart from the photos (an archive on a read-only disk, the demo in
// ../shared/photos): vernissage.toml, album.toml and captions from --texts, winning over the files
// beside the photos, and nothing written into either folder.
TEST_F(BuildTest, TextsFolderGivesTheSiteItsWordsAndWinsOverFilesBesideThePhotos) {
  const auto jpeg = test::data_file("orientation/landscape_1.jpg");
  test::copy_into(jpeg, photos() / "paris/a.jpg");
  test::copy_into(jpeg, photos() / "paris/b.jpg");
  test::write_text(photos() / "paris/album.toml", "title = \"Beside the photos\"\n");
  test::write_text(photos() / "paris/b.md", "Caption beside the photo");
  const fs::path texts = dir_ / "texts";
  test::write_text(texts / "vernissage.toml", "[site]\ntitle = \"Anna Petrova\"\n");
  test::write_text(texts / "paris/album.toml",
                   "title = \"Paris, mai 2019\"\ndescription = \"Nuit blanche\"\n");
  test::write_text(texts / "paris/a.jpg.md", "Quai de Valmy, 5 a.m.");
  test::write_text(texts / "elsewhere/album.toml", "title = \"An album with no photos\"\n");
  const auto listing = [](const fs::path& root) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.is_regular_file()) files[entry.path().string()] = test::read_text(entry.path());
    }
    return files;
  };
  const auto photos_before = listing(photos());
  const auto texts_before = listing(texts);

  const auto result = build({"--texts", texts.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string index = test::read_text(site() / "index.html");
  EXPECT_NE(index.find("<title>Anna Petrova</title>"), std::string::npos);
  EXPECT_NE(index.find("Paris, mai 2019"), std::string::npos);
  EXPECT_EQ(index.find("Beside the photos"), std::string::npos);
  EXPECT_NE(test::read_text(site() / "paris/index.html").find("Nuit blanche"), std::string::npos);
  EXPECT_NE(test::read_text(site() / "paris/a.html").find("Quai de Valmy, 5 a.m."),
            std::string::npos);
  // A photo the texts say nothing about keeps the caption beside it.
  EXPECT_NE(test::read_text(site() / "paris/b.html").find("Caption beside the photo"),
            std::string::npos);
  EXPECT_FALSE(fs::exists(site() / "elsewhere"));
  EXPECT_EQ(listing(photos()), photos_before);
  EXPECT_EQ(listing(texts), texts_before);

  // An edited caption reaches the page at the next build, photos untouched.
  test::write_text(texts / "paris/a.jpg.md", "Canal Saint-Martin");
  ASSERT_EQ(build({"--texts", texts.string()}).exit_code, 0);
  EXPECT_NE(test::read_text(site() / "paris/a.html").find("Canal Saint-Martin"), std::string::npos);
  // --config still names the settings file outright.
  test::write_text(dir_ / "other.toml", "[site]\ntitle = \"From --config\"\n");
  ASSERT_EQ(
      build({"--texts", texts.string(), "--config", (dir_ / "other.toml").string()}).exit_code, 0);
  EXPECT_NE(test::read_text(site() / "index.html").find("<title>From --config</title>"),
            std::string::npos);
  EXPECT_EQ(build({"--texts", (dir_ / "no-such-folder").string()}).exit_code, 2);
}

TEST_F(BuildTest, AboutTextComesFromTheTextsFolderElseThePhotosAndLeavesWithIt) {
  const auto jpeg = test::data_file("orientation/landscape_1.jpg");
  test::copy_into(jpeg, photos() / "paris/a.jpg");
  test::write_text(photos() / "about.md", "# Anna\n\nBeside the photos.\n");
  ASSERT_EQ(build().exit_code, 0);
  EXPECT_NE(test::read_text(site() / "about.html").find("Beside the photos."), std::string::npos);
  EXPECT_NE(test::read_text(site() / "paris/a.html").find("href=\"../about.html\""),
            std::string::npos);

  const fs::path texts = dir_ / "texts";
  test::write_text(texts / "about.md", "In the texts folder, *Cyrillic* too: Анна.\n");
  ASSERT_EQ(build({"--texts", texts.string()}).exit_code, 0);
  const std::string about = test::read_text(site() / "about.html");
  EXPECT_NE(about.find("In the texts folder, <em>Cyrillic</em> too: Анна."), std::string::npos)
      << about;
  EXPECT_EQ(about.find("Beside the photos."), std::string::npos);
  // Without a statement, the home page says the text's first paragraph.
  EXPECT_NE(test::read_text(site() / "index.html").find("<em>Cyrillic</em> too"),
            std::string::npos);

  // Gone from both places: the page goes, and so do the links to it.
  fs::remove(photos() / "about.md");
  fs::remove(texts / "about.md");
  ASSERT_EQ(build({"--texts", texts.string()}).exit_code, 0);
  EXPECT_FALSE(fs::exists(site() / "about.html"));
  EXPECT_EQ(test::read_text(site() / "paris/a.html").find("about.html"), std::string::npos);
}

TEST_F(BuildTest, AlbumSettingsCannotPointOutsideTheFolder) {
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "a/x.jpg");
  test::write_text(photos() / "a/album.toml", "cover = \"../../etc/passwd\"\n");
  const auto result = build();
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("album.toml"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("../../etc/passwd"), std::string::npos) << result.err;
  EXPECT_TRUE(fs::exists(site() / "a/x.html"));
}

TEST_F(BuildTest, PagesCarryThumbHashPlaceholdersAcrossRebuilds) {
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "x.jpg");
  ASSERT_EQ(build().exit_code, 0);
  const std::string first = test::read_text(site() / "index.html");
  const auto at = first.find("data-thumbhash=\"");
  ASSERT_NE(at, std::string::npos);
  ASSERT_EQ(build().exit_code, 0);
  EXPECT_EQ(test::read_text(site() / "index.html"), first);
}

TEST_F(BuildTest, EditedPhotoIsReadAgainAndRenderedAnew) {
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "x.jpg");
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "y.jpg");
  ASSERT_EQ(build().exit_code, 0);
  test::copy_into(test::data_file("captions/iptc_only.jpg"), photos() / "x.jpg");
  fs::last_write_time(photos() / "x.jpg",
                      fs::last_write_time(photos() / "x.jpg") + std::chrono::seconds(5));
  const auto result = build({"--verbose"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("path=x.jpg read=1 decoded=1"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("path=y.jpg read=0 decoded=0"), std::string::npos) << result.err;
  EXPECT_NE(test::read_text(site() / "x.html").find("Red Square performers"), std::string::npos);
}

TEST_F(BuildTest, CorruptCatalogueIsReportedNotReplaced) {
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "x.jpg");
  test::write_text(catalogue(), std::string(4096, 'x'));
  const auto result = build();
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("catalogue.db"), std::string::npos) << result.err;
  EXPECT_EQ(test::read_text(catalogue()), std::string(4096, 'x'));
}

std::map<std::string, fs::file_time_type> modification_times(const fs::path& root) {
  std::map<std::string, fs::file_time_type> times;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file())
      times[entry.path().lexically_relative(root).string()] = entry.last_write_time();
  }
  return times;
}

TEST_F(BuildTest, AddingASizeRendersOnlyTheNewSize) {
  test::copy_into(test::data_file("orientation"), photos() / "o");
  ASSERT_EQ(build().exit_code, 0);
  const auto before = modification_times(site());
  const auto result = build({"--sizes", "320,640,500", "--verbose"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // 16 photos × 2 formats at the new size; nothing else rendered, nothing removed.
  EXPECT_NE(result.err.find("Files: 32 images and"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("0 stale removed"), std::string::npos) << result.err;
  const auto after = modification_times(site());
  for (const auto& [path, time] : before) {
    if (path.starts_with("media/")) {
      EXPECT_EQ(after.at(path), time) << path;
    }
  }
}

TEST_F(BuildTest, RemovingASizeDeletesItsFilesAndNothingElse) {
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "x.jpg");
  ASSERT_EQ(build().exit_code, 0);
  test::write_text(site() / "CNAME", "photos.example.org");
  test::write_text(site() / "notes/todo.txt", "mine");
  const auto result = build({"--sizes", "320"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("2 stale removed"), std::string::npos) << result.err;
  EXPECT_EQ(files_with_extension(site() / "media", ".jpg").size(), 1u);
  EXPECT_EQ(files_with_extension(site() / "media", ".webp").size(), 1u);
  EXPECT_TRUE(fs::exists(site() / "CNAME"));
  EXPECT_TRUE(fs::exists(site() / "notes/todo.txt"));
}

TEST_F(BuildTest, DeletedPhotoTakesItsOutputsWithIt) {
  const auto jpeg = test::data_file("orientation/landscape_1.jpg");
  test::copy_into(jpeg, photos() / "x.jpg");
  test::copy_into(test::data_file("orientation/portrait_1.jpg"), photos() / "y.jpg");
  ASSERT_EQ(build().exit_code, 0);
  fs::remove(photos() / "y.jpg");
  const auto result = build();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("1 removed"), std::string::npos) << result.err;
  // Its 4 images (2 sizes × 2 formats) and its page.
  EXPECT_NE(result.err.find("5 stale removed"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(site() / "y.html"));
  EXPECT_TRUE(fs::exists(site() / "x.html"));
  EXPECT_EQ(files_with_extension(site() / "media", ".jpg").size(), 2u);
}

TEST_F(BuildTest, KeepStaleLeavesOldOutputsInPlace) {
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "x.jpg");
  ASSERT_EQ(build().exit_code, 0);
  ASSERT_EQ(build({"--sizes", "320", "--keep-stale"}).exit_code, 0);
  EXPECT_EQ(files_with_extension(site() / "media", ".jpg").size(), 2u);
  // Kept outputs are still Vernissage's: a later build without the flag removes them.
  const auto later = build({"--sizes", "320"});
  EXPECT_NE(later.err.find("2 stale removed"), std::string::npos) << later.err;
}

TEST_F(BuildTest, RenamedPhotoReusesItsImages) {
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "x.jpg");
  ASSERT_EQ(build().exit_code, 0);
  fs::create_directories(photos() / "moved");
  fs::rename(photos() / "x.jpg", photos() / "moved/renamed.jpg");
  const auto result = build({"--verbose"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("path=moved/renamed.jpg read=1 decoded=0 written=0"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("Files: 0 images and"), std::string::npos) << result.err;
  EXPECT_TRUE(fs::exists(site() / "moved/renamed.html"));
  EXPECT_FALSE(fs::exists(site() / "x.html"));
}

TEST_F(BuildTest, DryRunSaysWhatItWouldDoAndWritesNothing) {
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "x.jpg");
  const auto first = build({"--dry-run"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_FALSE(fs::exists(site()));
  EXPECT_FALSE(fs::exists(catalogue()));
  EXPECT_NE(first.err.find("would write media/"), std::string::npos) << first.err;
  EXPECT_NE(first.err.find("would write x.html"), std::string::npos) << first.err;
  ASSERT_EQ(build().exit_code, 0);
  const auto before = test::tree_contents(site());
  const auto again = build({"--dry-run", "--sizes", "320"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("would delete media/"), std::string::npos) << again.err;
  EXPECT_EQ(test::tree_contents(site()), before);
}

TEST_F(BuildTest, UnchangedAlbumsAreKeptAndChangedOnesRenderedAgain) {
  const auto jpeg = test::data_file("orientation/landscape_1.jpg");
  test::copy_into(jpeg, photos() / "a/x.jpg");
  test::copy_into(jpeg, photos() / "b/y.jpg");
  ASSERT_EQ(build().exit_code, 0);
  const auto untouched = fs::last_write_time(site() / "a/x.html");
  test::write_text(photos() / "b/y.txt", "A new caption");
  const auto result = build();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(test::read_text(site() / "b/y.html").find("A new caption"), std::string::npos);
  // The caption shows on y's page, in b's grid, on the index (b's cover) and in the feed.
  EXPECT_NE(result.err.find("4 pages written"), std::string::npos) << result.err;
  EXPECT_EQ(fs::last_write_time(site() / "a/x.html"), untouched);
  const auto retitled = build({"--title", "Another title"});
  ASSERT_EQ(retitled.exit_code, 0) << retitled.err;
  for (const char* page : {"index.html", "a/index.html", "a/x.html", "b/index.html", "b/y.html"}) {
    EXPECT_NE(test::read_text(site() / page).find("Another title"), std::string::npos) << page;
  }
  fs::remove(site() / "a/x.html");
  ASSERT_EQ(build({"--title", "Another title"}).exit_code, 0);
  EXPECT_TRUE(fs::exists(site() / "a/x.html"));
}

TEST_F(BuildTest, ThemeFolderOverridesTemplatesAndAssets) {
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "x.jpg");
  const fs::path theme = dir_.path() / "theme";
  test::write_text(
      theme / "templates/photo.mustache",
      "<article class=\"mine\"><h1>{{title}}</h1>{{#image}}{{> picture}}{{/image}}</article>");
  test::write_text(theme / "assets/style.css", "body { background: #123456; }");
  const auto result = build({"--theme", theme.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string page = test::read_text(site() / "x.html");
  EXPECT_NE(page.find("<article class=\"mine\"><h1>x</h1><picture>"), std::string::npos);
  bool custom_css = false;
  for (const auto& css : files_with_extension(site() / "assets", ".css")) {
    custom_css = custom_css || test::read_text(css) == "body { background: #123456; }";
  }
  EXPECT_TRUE(custom_css);
  EXPECT_NE(page.find("body { background: #123456; }"), std::string::npos);
  const auto missing = build({"--theme", (dir_.path() / "no-such-theme").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no-such-theme"), std::string::npos);
}

TEST_F(BuildTest, OriginalsAreNeverModified) {
  test::copy_into(test::data_file("gps"), photos());
  std::map<std::string, std::string> before = test::tree_contents(photos());
  ASSERT_EQ(build({"--include-originals"}).exit_code, 0);
  EXPECT_EQ(test::tree_contents(photos()), before);
}

}  // namespace
}  // namespace vern

namespace vern {
namespace {

// The mean difference per band between two images of one size, over the given box.
double mean_difference(const fs::path& a, const fs::path& b, int left, int top, int width,
                       int height) {
  const auto crop = [&](const fs::path& file) {
    return vips::VImage::new_from_file(file.c_str()).extract_area(left, top, width, height);
  };
  return (crop(a) - crop(b)).abs().avg();
}

TEST(Watermark, IsBurnedIntoDerivativesOnlyAndChangesTheirNames) {
  static const bool started = vips_init("build_test") == 0;
  ASSERT_TRUE(started);
  test::TempDir dir;
  test::copy_into(test::examples_dir() / "nature/Nikon D40.jpg", dir / "photos/Nikon D40.jpg");
  const auto original = test::read_bytes(dir / "photos/Nikon D40.jpg");
  const auto build = [&](const std::string& site, std::vector<std::string> extra) {
    std::vector<std::string> args = {"build",     (dir / "photos").string(),
                                     "-o",        (dir / site).string(),
                                     "--formats", "jpeg",
                                     "--sizes",   "960"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto run = test::run_vernissage(args);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    const auto images = files_with_extension(dir / site / "media", ".jpg");
    EXPECT_EQ(images.size(), 1u);
    return images.empty() ? fs::path() : images.front();
  };
  const auto plain = build("plain", {});
  const auto marked = build("marked", {"--watermark", "© Anna Petrova"});
  const auto tiled = build("tiled", {"--watermark", "© Anna Petrova", "--watermark-position",
                                     "tile", "--watermark-opacity", "0.3"});
  ASSERT_FALSE(plain.empty() || marked.empty() || tiled.empty());
  // The recipe holds the watermark: each is its own file, never mistaken for another.
  EXPECT_NE(plain.filename(), marked.filename());
  EXPECT_NE(marked.filename(), tiled.filename());
  const auto image = vips::VImage::new_from_file(plain.c_str());
  const int w = image.width(), h = image.height();
  // Bottom-right: the mark is there and nowhere else.
  EXPECT_GT(mean_difference(plain, marked, w * 2 / 3, h * 5 / 6, w / 3 - 1, h / 6 - 1), 2.0);
  EXPECT_LT(mean_difference(plain, marked, 0, 0, w / 2, h / 2), 1.0);
  // Tiled: all over, the top-left quarter too.
  EXPECT_GT(mean_difference(plain, tiled, 0, 0, w / 2, h / 2), 2.0);
  // A PNG mark with transparency: a white disc on nothing.
  const auto logo = dir / "logo.png";
  const auto disc = (vips::VImage::xyz(200, 200) - 100).pow(2).bandmean() < 80 * 80 / 2;
  disc.new_from_image(std::vector<double>{255, 255, 255})
      .bandjoin(disc)
      .write_to_file(logo.c_str());
  const auto with_logo = build("logo", {"--watermark-image", logo.string()});
  ASSERT_FALSE(with_logo.empty());
  EXPECT_NE(with_logo.filename(), plain.filename());
  EXPECT_GT(mean_difference(plain, with_logo, w * 2 / 3, h * 2 / 3, w / 3 - 1, h / 3 - 1), 2.0);
  EXPECT_EQ(test::read_bytes(dir / "photos/Nikon D40.jpg"), original);
}

}  // namespace
}  // namespace vern
