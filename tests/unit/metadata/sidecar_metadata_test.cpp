#include "metadata/sidecar_metadata.h"

#include <gtest/gtest.h>

#include "metadata/library_setup.h"
#include "metadata/metadata_reader.h"
#include "support/test_support.h"

namespace vern::metadata {
namespace {

// A sidecar as Lightroom Classic writes one beside a RAW: title, caption, flat and hierarchical
// keywords, rating, colour label, creator, rights, and the orientation chosen in Develop.
constexpr const char* kLightroomSidecar = R"(<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 7.0-c000">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:lr="http://ns.adobe.com/lightroom/1.0/"
    xmlns:tiff="http://ns.adobe.com/tiff/1.0/"
   xmp:Rating="4" xmp:Label="Red" tiff:Orientation="8">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Красная площадь</rdf:li></rdf:Alt></dc:title>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Place Rouge, été</rdf:li></rdf:Alt></dc:description>
   <dc:creator><rdf:Seq><rdf:li>Anna Petrova</rdf:li></rdf:Seq></dc:creator>
   <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© Anna Petrova</rdf:li></rdf:Alt></dc:rights>
   <dc:subject><rdf:Bag><rdf:li>street</rdf:li></rdf:Bag></dc:subject>
   <lr:hierarchicalSubject><rdf:Bag><rdf:li>Places|Russia|Moscow</rdf:li></rdf:Bag></lr:hierarchicalSubject>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>)";

class SidecarTest : public ::testing::Test {
 protected:
  LibrarySetup setup_;
  test::TempDir dir_;
};

TEST_F(SidecarTest, ReadsWhatLightroomWrites) {
  test::write_text(dir_ / "IMG_1.xmp", kLightroomSidecar);
  const auto sidecar = read_sidecar(dir_ / "IMG_1.xmp");
  ASSERT_TRUE(sidecar) << sidecar.error().describe();
  EXPECT_EQ(sidecar->title, "Красная площадь");
  EXPECT_EQ(sidecar->caption, "Place Rouge, été");
  EXPECT_EQ(sidecar->creator, "Anna Petrova");
  EXPECT_EQ(sidecar->copyright, "© Anna Petrova");
  EXPECT_EQ(sidecar->rating, 4);
  EXPECT_EQ(sidecar->label, "Red");
  EXPECT_EQ(sidecar->orientation, 8);
  EXPECT_EQ(sidecar->keywords, (std::vector<std::string>{"street", "Places", "Russia", "Moscow"}));
}

TEST_F(SidecarTest, ForARawTheSidecarWins) {
  test::write_text(dir_ / "IMG_1.xmp", kLightroomSidecar);
  const auto sidecar = read_sidecar(dir_ / "IMG_1.xmp");
  ASSERT_TRUE(sidecar);
  PhotoMetadata raw;
  raw.title = "from the camera";
  raw.keywords = {"camera keyword"};
  raw.orientation = 1;
  raw.camera_model = "Canon EOS 6D";
  EXPECT_TRUE(merge_sidecar(raw, *sidecar, true));
  EXPECT_EQ(raw.title, "Красная площадь");
  EXPECT_EQ(raw.keywords, sidecar->keywords);
  EXPECT_EQ(raw.orientation, 8);
  EXPECT_EQ(raw.camera_model, "Canon EOS 6D");  // the camera's facts stay the camera's
}

TEST_F(SidecarTest, ForOtherFilesTheFileWinsAndTheSidecarFillsGaps) {
  test::write_text(dir_ / "IMG_1.jpg.xmp", kLightroomSidecar);
  const auto sidecar = read_sidecar(dir_ / "IMG_1.jpg.xmp");
  ASSERT_TRUE(sidecar);
  PhotoMetadata jpeg;
  jpeg.title = "the file's own title";
  jpeg.keywords = {"own"};
  jpeg.orientation = 1;
  merge_sidecar(jpeg, *sidecar, false);
  EXPECT_EQ(jpeg.title, "the file's own title");
  EXPECT_EQ(jpeg.caption, "Place Rouge, été");  // the file had none
  EXPECT_EQ(jpeg.rating, 4);
  EXPECT_EQ(jpeg.keywords,
            (std::vector<std::string>{"own", "street", "Places", "Russia", "Moscow"}));
  EXPECT_EQ(jpeg.orientation, 8);  // a sidecar's orientation is someone's decision
}

TEST_F(SidecarTest, ABrokenSidecarIsNamedNotFatal) {
  test::write_text(dir_ / "IMG_1.xmp", "<x:xmpmeta><rdf:RDF><unclosed");
  // exiv2 reads what it can of a damaged packet; what it could not is a warning naming the file.
  const auto broken = read_sidecar(dir_ / "IMG_1.xmp");
  if (broken) {
    ASSERT_FALSE(broken->warnings.empty());
    EXPECT_NE(broken->warnings[0].find("sidecar IMG_1.xmp: "), std::string::npos)
        << broken->warnings[0];
  } else {
    EXPECT_NE(broken.error().path.find("IMG_1.xmp"), std::string::npos);
  }
  test::write_text(dir_ / "IMG_2.xmp", "just text");
  const auto not_xmp = read_sidecar(dir_ / "IMG_2.xmp");
  ASSERT_FALSE(not_xmp);
  EXPECT_NE(not_xmp.error().path.find("IMG_2.xmp"), std::string::npos);
}

TEST_F(SidecarTest, CameraModelsAreNeverTakenForFirmwareBoilerplate) {
  const auto file = test::shared_photos() / "edge-cases/jpg/Kodak_CX7530.jpg";
  const auto bytes = test::read_bytes(file);
  const auto m = read_metadata(bytes, file.string());
  ASSERT_TRUE(m);
  EXPECT_EQ(m->camera_model, "KODAK CX7530 ZOOM DIGITAL CAMERA");
  EXPECT_EQ(m->camera_make, "EASTMAN KODAK COMPANY");
  EXPECT_FALSE(m->caption);  // the same words as a caption are still the firmware's
}

TEST_F(SidecarTest, ALensNameIsCheckedAgainstTheFocalLength) {
  // exiv2 names the D30's lens id "EF 70-200mm f/2.8L IS II USM"; the frame was shot at 31 mm.
  const auto file = test::shared_photos() / "raw/canon_eos_d30.crw";
  const auto bytes = test::read_bytes(file);
  const auto m = read_metadata(bytes, file.string());
  ASSERT_TRUE(m);
  ASSERT_TRUE(m->lens);
  EXPECT_TRUE(m->lens_from_maker_id);
  EXPECT_FALSE(lens_covers_focal_length(*m->lens, 31));
  EXPECT_TRUE(lens_covers_focal_length(*m->lens, 135));
  EXPECT_TRUE(lens_covers_focal_length("EF50mm f/1.2L USM", 50));
  EXPECT_FALSE(lens_covers_focal_length("EF50mm f/1.2L USM", 85));
  EXPECT_TRUE(lens_covers_focal_length("Manual Lens No CPU", 50));
}

}  // namespace
}  // namespace vern::metadata
