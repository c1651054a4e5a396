// End-to-end: camera RAW, XMP sidecars, RAW+JPEG pairs and contradicted orientation tags, through
// `info`, `index`, `search`, `duplicates` and `build`, on the real samples in ../shared/photos/raw.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <vips/vips8>

#include "support/test_support.h"

namespace vern {
namespace {

namespace fs = std::filesystem;

fs::path raw_sample(const std::string& name) { return test::shared_photos() / "raw" / name; }

class CameraRaw : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { vips_init("camera_raw_test"); }

  fs::path photos() const { return dir_.path() / "photos"; }
  fs::path site() const { return dir_.path() / "site"; }
  std::string catalogue() const { return (dir_.path() / "catalogue.db").string(); }

  test::CommandResult vernissage(std::vector<std::string> args) const {
    if (args[0] != "info") {
      args.insert(args.begin() + 1, {"--catalogue", catalogue()});
    }
    return test::run_vernissage(args);
  }

  test::CommandResult build(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"build",   photos().string(), "-o",        site().string(),
                                     "--sizes", "320,640",         "--formats", "jpeg"};
    args.insert(args.end(), extra.begin(), extra.end());
    return vernissage(args);
  }

  // The JPEG derivatives a photo page refers to, largest last.
  std::vector<fs::path> page_images(const std::string& page) const {
    const std::string html = test::read_text(site() / page);
    std::vector<fs::path> images;
    for (auto at = html.find("media/"); at != std::string::npos; at = html.find("media/", at + 1)) {
      const auto end = html.find_first_of("\" ,", at);
      const auto path = site() / html.substr(at, end - at);
      if (path.extension() == ".jpg" &&
          std::find(images.begin(), images.end(), path) == images.end()) {
        images.push_back(path);
      }
    }
    std::sort(images.begin(), images.end(), [](const fs::path& a, const fs::path& b) {
      return fs::file_size(a) < fs::file_size(b);
    });
    return images;
  }

  test::TempDir dir_;
};

std::string lens_key(std::string lens) {
  std::string key;
  for (char c : lens) {
    if (c != ' ') key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (key.starts_with("canon")) key.erase(0, 5);
  return key;
}

std::vector<std::string> keys_of(const nlohmann::ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.push_back(key);
  return keys;
}

TEST_F(CameraRaw, InfoReadsEveryRawSampleAsExiftoolDoes) {
  const auto jpeg = test::run_vernissage(
      {"info", "--json", test::data_file("orientation/landscape_1.jpg").string()});
  const auto jpeg_keys = keys_of(nlohmann::ordered_json::parse(jpeg.out).at(0));
  for (const char* name :
       {"canon_eos_d30.crw", "canon_1ds3_truncated.cr2", "canon_eos_r6_pruned.cr3",
        "nikon_d7100_truncated.nef", "sony_slt-a55_truncated.arw", "canon_eos_6d_lossy.dng",
        "lg_h815_lossy_1mp.dng"}) {
    const auto file = raw_sample(name);
    const auto ours = test::run_vernissage({"info", "--json", file.string()});
    ASSERT_EQ(ours.exit_code, 0) << name << ours.err;
    const auto mine = nlohmann::json::parse(ours.out).at(0);
    EXPECT_EQ(keys_of(nlohmann::ordered_json::parse(ours.out).at(0)), jpeg_keys) << name;
    const auto tool =
        test::run_program({"exiftool", "-j", "-n", "-Make", "-Model", "-LensModel", "-ExposureTime",
                           "-ISO", "-DateTimeOriginal", "-Orientation", file.string()});
    ASSERT_EQ(tool.exit_code, 0) << tool.err;
    const auto theirs = nlohmann::json::parse(tool.out).at(0);
    SCOPED_TRACE(name);
    EXPECT_EQ(mine["format"], "raw");
    EXPECT_EQ(mine["camera_make"], theirs["Make"]);
    EXPECT_EQ(mine["camera_model"], theirs["Model"]);
    EXPECT_EQ(mine["iso"], theirs["ISO"]);
    // Within 2 %: for the D30's CRW exiftool computes 5.04 s from the shot info, LibRaw 4.97 s.
    EXPECT_NEAR(mine["exposure_time_s"].get<double>(), theirs["ExposureTime"].get<double>(),
                theirs["ExposureTime"].get<double>() * 0.02);
    std::string time = theirs["DateTimeOriginal"];
    time[4] = time[7] = '-';
    time[10] = 'T';
    EXPECT_EQ(mine["taken_at"].get<std::string>().substr(0, 19), time);
    EXPECT_EQ(mine["orientation"], theirs.value("Orientation", 1));
    if (theirs.contains("LensModel")) {
      ASSERT_TRUE(mine["lens"].is_string());
      EXPECT_EQ(lens_key(mine["lens"]), lens_key(theirs["LensModel"]));
    }
  }
}

TEST_F(CameraRaw, EveryRawSampleIsPublishedUprightAndSearchableByFormat) {
  for (const auto& entry : fs::directory_iterator(test::shared_photos() / "raw")) {
    if (entry.path().extension() != ".md")
      test::copy_into(entry.path(), photos() / entry.path().filename());
  }
  const auto result = build();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("Photos: 8 published"), std::string::npos) << result.err;
  // The cut-down files say what they are shown from.
  EXPECT_NE(result.err.find("nikon_d7100_truncated.nef: damaged file, published from the part "
                            "that decodes (RAW sensor data is cut short"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("canon_eos_r6_pruned.cr3: LibRaw cannot develop this RAW"),
            std::string::npos)
      << result.err;
  for (const char* page : {"canon_eos_d30.html", "blackmagic_pocket4k.html",
                           "canon_eos_r6_pruned.html", "nikon_d7100_truncated.html"}) {
    const auto images = page_images(page);
    ASSERT_FALSE(images.empty()) << page;
    const auto largest = vips::VImage::new_from_file(images.back().c_str());
    EXPECT_EQ(std::max(largest.width(), largest.height()), 640) << page;
    EXPECT_GT(largest.width(), largest.height()) << page;  // every sample is landscape
  }
  // Every sample gets its similarity hash: from its preview, from the one exiv2 finds where LibRaw
  // cannot read the file, or from a small development where there is no preview.
  const auto index = vernissage({"index", photos().string()});
  EXPECT_EQ(index.exit_code, 0) << index.err;
  EXPECT_EQ(index.err.find("similarity hash"), std::string::npos) << index.err;
  EXPECT_EQ(vernissage({"duplicates"}).err.find("no similarity hash"), std::string::npos);
  const auto count = [&](const std::string& query) {
    const auto r = vernissage({"search", "--json", query});
    return r.exit_code == 0 ? nlohmann::json::parse(r.out).size() : 0u;
  };
  EXPECT_EQ(count("format:raw"), 8u);
  EXPECT_EQ(count("format:dng"), 3u);
  EXPECT_EQ(count("format:NEF"), 1u);
  EXPECT_EQ(count("format:cr3"), 1u);
  EXPECT_EQ(count("format:jpeg"), 0u);
  EXPECT_EQ(vernissage({"search", "format:orf"}).exit_code, 1);    // a RAW kind, none here
  EXPECT_EQ(vernissage({"search", "format:bogus"}).exit_code, 2);  // not a format at all
}

TEST_F(CameraRaw, DevelopInsteadOfPreviewChangesOnlyTheRawImages) {
  test::copy_into(raw_sample("canon_eos_6d_lossy.dng"), photos() / "IMG_1.dng");
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "plain.jpg");
  ASSERT_EQ(build().exit_code, 0);
  const auto jpeg_images = page_images("plain.html");
  const auto preview_images = page_images("img_1.html");
  const auto again = build({"--raw", "develop"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("Files: 2 images"), std::string::npos) << again.err;
  EXPECT_EQ(page_images("plain.html"), jpeg_images);
  EXPECT_NE(page_images("img_1.html"), preview_images);
  // The setting is vernissage.toml's too.
  test::write_text(photos() / "vernissage.toml", "[images]\nraw = \"sometimes\"\n");
  const auto wrong = build();
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.err.find("images.raw"), std::string::npos) << wrong.err;
}

constexpr const char* kSidecar = R"(<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:dc="http://purl.org/dc/elements/1.1/" xmp:Rating="RATING">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">TITLE</rdf:li></rdf:Alt></dc:title>
   <dc:subject><rdf:Bag><rdf:li>Tverskaya</rdf:li></rdf:Bag></dc:subject>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>)";

std::string sidecar(const std::string& title, int rating) {
  std::string text = kSidecar;
  text.replace(text.find("TITLE"), 5, title);
  text.replace(text.find("RATING"), 6, std::to_string(rating));
  return text;
}

TEST_F(CameraRaw, ASidecarsKeywordsAndRatingReachSearchAndAnEditRebuildsOnlyThePage) {
  test::copy_into(raw_sample("canon_eos_6d_lossy.dng"), photos() / "moscow/IMG_1.dng");
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "moscow/other.jpg");
  test::write_text(photos() / "moscow/IMG_1.xmp", sidecar("Before the rain", 3));
  ASSERT_EQ(build().exit_code, 0);
  EXPECT_NE(test::read_text(site() / "moscow/img_1.html").find("Before the rain"),
            std::string::npos);
  EXPECT_EQ(vernissage({"search", "keyword:tverskaya rating:3"}).exit_code, 0);
  const auto images = page_images("moscow/img_1.html");

  // Only the sidecar changes (a later mtime, as an editor's save gives it).
  test::write_text(photos() / "moscow/IMG_1.xmp", sidecar("After the rain", 5));
  fs::last_write_time(photos() / "moscow/IMG_1.xmp",
                      fs::last_write_time(photos() / "moscow/IMG_1.xmp") + std::chrono::seconds(5));
  const auto again = build({"--verbose"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("path=moscow/IMG_1.dng read=1 decoded=0 written=0"), std::string::npos)
      << again.err;
  EXPECT_NE(again.err.find("path=moscow/other.jpg read=0"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("Files: 0 images"), std::string::npos) << again.err;
  EXPECT_NE(test::read_text(site() / "moscow/img_1.html").find("After the rain"),
            std::string::npos);
  EXPECT_EQ(page_images("moscow/img_1.html"), images);
  EXPECT_EQ(vernissage({"search", "rating:5 keyword:tverskaya"}).exit_code, 0);
  EXPECT_EQ(vernissage({"search", "rating:3"}).exit_code, 1);
  // An orientation chosen in the editor does change the images: they are made anew, turned.
  std::string turned = sidecar("After the rain", 5);
  turned.replace(turned.find("xmp:Rating"), 0,
                 "xmlns:tiff=\"http://ns.adobe.com/tiff/1.0/\" tiff:Orientation=\"8\" ");
  test::write_text(photos() / "moscow/IMG_1.xmp", turned);
  fs::last_write_time(photos() / "moscow/IMG_1.xmp",
                      fs::last_write_time(photos() / "moscow/IMG_1.xmp") + std::chrono::seconds(8));
  const auto rotated = build();
  ASSERT_EQ(rotated.exit_code, 0) << rotated.err;
  EXPECT_NE(rotated.err.find("Files: 2 images"), std::string::npos) << rotated.err;
  const auto portrait =
      vips::VImage::new_from_file(page_images("moscow/img_1.html").back().c_str());
  EXPECT_LT(portrait.width(), portrait.height());

  // `index` sees the sidecar's edits the same way (its first run adds the similarity hashes a
  // build does not make, so it reads both photos once).
  ASSERT_EQ(vernissage({"index", photos().string()}).exit_code, 0);
  test::write_text(photos() / "moscow/IMG_1.xmp", sidecar("Night", 1));
  fs::last_write_time(
      photos() / "moscow/IMG_1.xmp",
      fs::last_write_time(photos() / "moscow/IMG_1.xmp") + std::chrono::seconds(10));
  const auto index = vernissage({"index", photos().string()});
  EXPECT_NE(index.err.find("(0 new, 1 changed, 1 unchanged"), std::string::npos) << index.err;
  EXPECT_EQ(vernissage({"search", "rating:1 night"}).exit_code, 0);
}

TEST_F(CameraRaw, AFileIndexedAloneBeforeItsPairWasKnownIsFoldedIntoThePair) {
  // An archive indexed with only the RAW, then the camera's JPEG of it copied in beside.
  test::copy_into(raw_sample("canon_eos_6d_lossy.dng"), photos() / "IMG_1.dng");
  ASSERT_EQ(vernissage({"index", photos().string()}).exit_code, 0);
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "IMG_1.jpg");
  const auto again = vernissage({"index", photos().string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  const auto rows = nlohmann::json::parse(vernissage({"search", "--json", ""}).out);
  ASSERT_EQ(rows.size(), 1u) << rows.dump();
  EXPECT_TRUE(rows[0]["path"].get<std::string>().ends_with("IMG_1.jpg"));
  EXPECT_EQ(rows[0]["companions"].size(), 1u);
}

TEST_F(CameraRaw, ARawAndAJpegOfOneNameAreOnePhoto) {
  // A JPEG and a RAW of one frame, as a camera in RAW+JPEG mode writes them.
  test::copy_into(raw_sample("nikon_d7100_truncated.nef"), photos() / "DSC_0001.NEF");
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "DSC_0001.JPG");
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), photos() / "copy.jpg");
  const auto result = build();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("Photos: 2 published"), std::string::npos) << result.err;
  EXPECT_TRUE(fs::exists(site() / "dsc_0001.html"));
  const auto shown_jpeg = page_images("dsc_0001.html");

  const auto found = vernissage({"search", "--json", "format:nef"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  const auto rows = nlohmann::json::parse(found.out);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0]["path"].get<std::string>().ends_with("DSC_0001.JPG"));
  ASSERT_EQ(rows[0]["companions"].size(), 1u);
  EXPECT_TRUE(rows[0]["companions"][0].get<std::string>().ends_with("DSC_0001.NEF"));
  const auto table = vernissage({"search", "format:jpeg"});
  EXPECT_NE(table.out.find("DSC_0001.JPG + DSC_0001.NEF"), std::string::npos) << table.out;
  // The pair is one photo, never two near-duplicates; a real copy is still found.
  ASSERT_EQ(vernissage({"index", photos().string()}).exit_code, 0);
  const auto duplicates = vernissage({"duplicates", "--json"});
  ASSERT_EQ(duplicates.exit_code, 0) << duplicates.err;
  EXPECT_NE(duplicates.out.find("copy.jpg"), std::string::npos) << duplicates.out;
  EXPECT_NE(duplicates.out.find("DSC_0001.JPG"), std::string::npos) << duplicates.out;
  EXPECT_EQ(duplicates.out.find("DSC_0001.NEF"), std::string::npos) << duplicates.out;

  // --prefer raw shows the RAW (here: its preview) instead.
  const auto raw = build({"--prefer", "raw"});
  ASSERT_EQ(raw.exit_code, 0) << raw.err;
  EXPECT_NE(page_images("dsc_0001.html"), shown_jpeg);
  const auto largest = vips::VImage::new_from_file(page_images("dsc_0001.html").back().c_str());
  EXPECT_EQ(largest.width(), 640);
  EXPECT_EQ(largest.height(), 427);
}

TEST_F(CameraRaw, AnOrientationTagThePixelsContradictIsNamedAndOverruled) {
  const auto photo = test::shared_photos() / "demo/machines/Canon EOS 20D (2).jpg";
  test::copy_into(photo, photos() / "theatre/20d.jpg");
  const auto result = build();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("theatre/20d.jpg: orientation tag 6 contradicts the pixels"),
            std::string::npos)
      << result.err;
  auto largest = vips::VImage::new_from_file(page_images("theatre/20d.html").back().c_str());
  EXPECT_LT(largest.width(), largest.height());  // upright as stored: a portrait
  const auto info = test::run_vernissage({"info", (photos() / "theatre/20d.jpg").string()});
  EXPECT_NE(info.err.find("contradicts the pixels"), std::string::npos) << info.err;
  const auto audit = vernissage({"audit", site().string(), "--photos", photos().string()});
  EXPECT_EQ(audit.exit_code, 0) << audit.out;  // not a privacy finding
  EXPECT_NE(audit.err.find("20d.jpg: shown with orientation 1, not its tag's 6"), std::string::npos)
      << audit.err;

  // The photographer decides: the tag after all.
  test::write_text(photos() / "theatre/album.toml", "[photos.\"20d.jpg\"]\norientation = 6\n");
  const auto turned = build();
  ASSERT_EQ(turned.exit_code, 0) << turned.err;
  largest = vips::VImage::new_from_file(page_images("theatre/20d.html").back().c_str());
  EXPECT_GT(largest.width(), largest.height());
  // A bad value names the file and the line.
  test::write_text(photos() / "theatre/album.toml", "\n[photos.\"20d.jpg\"]\norientation = 9\n");
  const auto bad = build();
  EXPECT_NE(bad.err.find("album.toml:3"), std::string::npos) << bad.err;
}

// A Minolta MRW: the "\0MRM" block list (PRD: sizes; TTW: a TIFF with make and model) and
// unpacked 12-bit sensor data, big-endian, as the DiMAGE 7 wrote them.
std::string minolta_mrw(int width, int height) {
  const auto u16 = [](int v) {
    return std::string{static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  const auto u32 = [&](std::uint32_t v) {
    return u16(static_cast<int>(v >> 16)) + u16(v & 0xFFFF);
  };
  std::string prd = "21810002" + u16(height) + u16(width) + u16(height) + u16(width);
  prd += std::string{12, 12, 0x52, 0} + u16(0) + u16(1);
  const std::string make("Minolta Co., Ltd.\0", 18), model("DiMAGE 7\0", 9);
  std::string tiff = std::string("MM\0*", 4) + u32(8) + u16(2);
  const std::uint32_t strings = 8 + 2 + 2 * 12 + 4;
  tiff += u16(0x010F) + u16(2) + u32(make.size()) + u32(strings);
  tiff += u16(0x0110) + u16(2) + u32(model.size()) + u32(strings + make.size());
  tiff += u32(0) + make + model;
  const std::string blocks = std::string("\0PRD", 4) + u32(prd.size()) + prd +
                             std::string("\0TTW", 4) + u32(tiff.size()) + tiff;
  std::string file = std::string("\0MRM", 4) + u32(blocks.size()) + blocks;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) file += u16(x < width / 2 ? 3000 : 200);
  }
  return file;
}

TEST_F(CameraRaw, MinoltaMrwIsACameraRaw) {
  test::write_text(photos() / "PICT0001.MRW", minolta_mrw(128, 96));
  const auto info = test::run_vernissage({"info", "--json", (photos() / "PICT0001.MRW").string()});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  const auto photo = nlohmann::json::parse(info.out).at(0);
  EXPECT_EQ(photo["format"], "raw");
  EXPECT_EQ(photo["camera_make"], "Minolta Co., Ltd.");
  EXPECT_EQ(photo["camera_model"], "DiMAGE 7");
  EXPECT_EQ(photo["width"], 128);
  EXPECT_EQ(photo["height"], 96);
  const auto result = build({"--sizes", "64"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(fs::exists(site() / "pict0001.html"));
}

}  // namespace
}  // namespace vern
