#include "archive/same_content.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace vern::archive {
namespace {

namespace fs = std::filesystem;

catalogue::PhotoRecord indexed_twin() {
  catalogue::PhotoRecord twin;
  twin.path = "/photos/a.jpg";
  twin.content_hash = "c0ffee";
  twin.thumbhash = "1QcSHQRnh493V4dIh4eXh1h4kJUI";
  twin.perceptual_hash = 0x0123456789abcdefULL;
  return twin;
}

// What `build` reads of a new file: metadata and hashes, not the pixels.
TEST(SameContent, AReadThatDidNotLookAtThePixelsTakesAllTheTwinsPictureFacts) {
  catalogue::PhotoRecord record;
  record.content_hash = "c0ffee";
  take_picture_facts(indexed_twin(), record);
  EXPECT_EQ(record.thumbhash, indexed_twin().thumbhash);
  EXPECT_EQ(record.perceptual_hash, indexed_twin().perceptual_hash);
  EXPECT_EQ(record.decode_problem, "");

  catalogue::PhotoRecord damaged_twin = indexed_twin();
  damaged_twin.perceptual_hash.reset();
  damaged_twin.decode_problem = "Premature end of JPEG file";
  catalogue::PhotoRecord copy;
  take_picture_facts(damaged_twin, copy);
  EXPECT_EQ(copy.decode_problem, "Premature end of JPEG file");
  EXPECT_FALSE(copy.perceptual_hash);
}

// What `index` reads: the perceptual hash (or why there is none) is its own; only the
// placeholder, which a build's decode made, comes from the twin.
TEST(SameContent, FactsTheReadFoundItselfAreKept) {
  catalogue::PhotoRecord hashed;
  hashed.perceptual_hash = 42;
  take_picture_facts(indexed_twin(), hashed);
  EXPECT_EQ(hashed.perceptual_hash, 42u);
  EXPECT_EQ(hashed.thumbhash, indexed_twin().thumbhash);

  catalogue::PhotoRecord undecodable;
  undecodable.decode_problem = "Corrupt JPEG data";
  take_picture_facts(indexed_twin(), undecodable);
  EXPECT_FALSE(undecodable.perceptual_hash);
  EXPECT_EQ(undecodable.decode_problem, "Corrupt JPEG data");

  catalogue::PhotoRecord rendered;
  rendered.thumbhash = "own";
  take_picture_facts(indexed_twin(), rendered);
  EXPECT_EQ(rendered.thumbhash, "own");
}

TEST(SameContent, ATwinWasMovedWhenItsFileIsGone) {
  test::TempDir dir;
  const fs::path twin = dir / "2019/red-square.jpg";
  test::copy_into(test::data_file("orientation/landscape_1.jpg"), twin);
  EXPECT_FALSE(twin_was_moved(twin));
  fs::rename(twin, dir / "red-square.jpg");
  EXPECT_TRUE(twin_was_moved(twin));
  // A path that cannot be looked at counts as gone, as a dangling link does.
  fs::create_symlink(dir / "nowhere.jpg", dir / "link.jpg");
  EXPECT_TRUE(twin_was_moved(dir / "link.jpg"));
}

}  // namespace
}  // namespace vern::archive
