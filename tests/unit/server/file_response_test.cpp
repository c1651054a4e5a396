#include "server/file_response.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/test_support.h"

namespace vern::server {
namespace {

namespace fs = std::filesystem;

TEST(ByteRange, ParsesTheFormsOfRfc9110) {
  const auto first = parse_byte_range("bytes=0-99", 1000);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->first, 0u);
  EXPECT_EQ(first->last, 99u);
  const auto open_ended = parse_byte_range("bytes=900-", 1000);
  ASSERT_TRUE(open_ended);
  EXPECT_EQ(open_ended->first, 900u);
  EXPECT_EQ(open_ended->last, 999u);
  const auto suffix = parse_byte_range("bytes=-100", 1000);
  ASSERT_TRUE(suffix);
  EXPECT_EQ(suffix->first, 900u);
  EXPECT_EQ(suffix->last, 999u);
  const auto clipped = parse_byte_range("bytes=990-5000", 1000);
  ASSERT_TRUE(clipped);
  EXPECT_EQ(clipped->last, 999u);
  const auto beyond = parse_byte_range("bytes=1000-1001", 1000);
  ASSERT_TRUE(beyond);
  EXPECT_GT(beyond->first, beyond->last);                 // unsatisfiable: 416
  EXPECT_FALSE(parse_byte_range("bytes=0-1,5-9", 1000));  // several: the whole file
  EXPECT_FALSE(parse_byte_range("items=0-1", 1000));
  EXPECT_FALSE(parse_byte_range("bytes=9-1", 1000));
  EXPECT_FALSE(parse_byte_range("bytes=x-1", 1000));
}

TEST(OpenBeneath, OpensFilesBelowTheRootAndNeverFollowsALink) {
  test::TempDir dir;
  const auto root = dir / "private";
  test::write_text(root / "media/ab/x.jpg", "image");
  test::write_text(dir / "secret.txt", "secret");
  test::write_text(root / ".marker", "hidden");
  fs::create_directories(root / "links");
  fs::create_symlink(dir / "secret.txt", root / "links/secret.jpg");
  fs::create_directory_symlink(dir.path(), root / "up");
  ::mkfifo((root / "media/ab/fifo.jpg").c_str(), 0600);

  const auto file = open_beneath(root, {"media", "ab", "x.jpg"});
  ASSERT_TRUE(file);
  EXPECT_EQ(file->size, 5u);
  ::close(file->descriptor);
  EXPECT_FALSE(open_beneath(root, {"links", "secret.jpg"}));      // a link to a file outside
  EXPECT_FALSE(open_beneath(root, {"up", "secret.txt"}));         // a link to a folder outside
  EXPECT_FALSE(open_beneath(root, {".marker"}));                  // hidden names
  EXPECT_FALSE(open_beneath(root, {"media", "ab"}));              // a folder is not a file
  EXPECT_FALSE(open_beneath(root, {"media", "ab", "fifo.jpg"}));  // nor is a FIFO (no hang)
  EXPECT_FALSE(open_beneath(root, {"..", "secret.txt"}));
  EXPECT_FALSE(open_beneath(root, {"media/ab", "x.jpg"}));
  EXPECT_FALSE(open_beneath(root, {}));
}

TEST(ContentType, ComesFromTheExtension) {
  EXPECT_EQ(content_type_for("a.jpg"), "image/jpeg");
  EXPECT_EQ(content_type_for("a.avif"), "image/avif");
  EXPECT_EQ(content_type_for("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("server.key"), "application/octet-stream");
  EXPECT_EQ(content_type_for(".jpg"), "application/octet-stream");
}

}  // namespace
}  // namespace vern::server
