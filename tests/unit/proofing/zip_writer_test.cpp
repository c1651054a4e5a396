#include "proofing/zip_writer.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "metadata/library_setup.h"
#include "support/test_support.h"

namespace vern::proofing {
namespace {

TEST(ZipWriter, NamesAreSafeAndUnique) {
  EXPECT_EQ(safe_entry_names({"a.jpg", "A.JPG", "a.jpg", "../../etc/passwd", "x\\y.jpg",
                              "bad\nname.jpg", ".hidden", "Москва.jpg"}),
            (std::vector<std::string>{"a.jpg", "A (2).JPG", "a (3).jpg", "_.._etc_passwd",
                                      "x_y.jpg", "bad_name.jpg", "hidden", "Москва.jpg"}));
}

TEST(ZipWriter, WritesAZipThatUnzipsToTheSameBytes) {
  test::TempDir dir;
  const auto photo = test::data_file("orientation/landscape_1.jpg");
  const auto second = test::data_file("orientation/portrait_2.jpg");
  const int fd = ::open((dir / "out.zip").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  const auto written = write_zip(fd, {{"one.jpg", photo}, {"Москва.jpg", second}}, dir / "scratch");
  ::close(fd);
  ASSERT_TRUE(written) << written.error().describe();
  const auto unzipped =
      test::run_program({"unzip", "-q", (dir / "out.zip").string(), "-d", (dir / "x").string()});
  ASSERT_EQ(unzipped.exit_code, 0) << unzipped.err;
  EXPECT_EQ(test::read_bytes(dir / "x/one.jpg"), test::read_bytes(photo));
  EXPECT_EQ(test::read_bytes(dir / "x/Москва.jpg"), test::read_bytes(second));
}

TEST(ZipWriter, AnUnreadableFileFailsNamingIt) {
  test::TempDir dir;
  const int fd = ::open((dir / "out.zip").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const auto written = write_zip(fd, {{"gone.jpg", dir / "gone.jpg"}}, dir / "scratch");
  ::close(fd);
  ASSERT_FALSE(written);
  EXPECT_NE(written.error().describe().find("gone.jpg"), std::string::npos);
}

}  // namespace
}  // namespace vern::proofing

namespace vern::proofing {
namespace {

TEST(ZipWriter, AnOriginalThatCannotBeCleanedIsLeftOutNamingTheOriginal) {
  test::TempDir dir;
  const metadata::LibrarySetup exiv2;  // as the program starts it: BMFF files recognised
  // A phone's HEIF with a location, which exiv2 0.27 cannot write. Read only, never written.
  const auto heic = test::shared_photos() / "edge-cases/heic/mobile/HMD_Nokia_8.3_5G.heif";
  const int fd = ::open((dir / "out.zip").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> skipped;
  const auto written = write_zip(fd, {{"a.heic", heic, true, false}}, dir / "scratch", &skipped);
  ::close(fd);
  ASSERT_TRUE(written) << written.error().describe();
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_NE(skipped[0].find(heic.string()), std::string::npos) << skipped[0];
  EXPECT_NE(skipped[0].find("not supported"), std::string::npos) << skipped[0];  // exiv2's reason
  EXPECT_TRUE(std::filesystem::is_empty(dir / "scratch"));  // no copy left behind
}

}  // namespace
}  // namespace vern::proofing
