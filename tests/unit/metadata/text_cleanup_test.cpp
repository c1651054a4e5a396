#include "metadata/detail/text_cleanup.h"

#include <gtest/gtest.h>

#include "core/utf8.h"

namespace vern::metadata::detail {
namespace {

TEST(TextCleanup, TrimsPaddingAndNuls) {
  EXPECT_EQ(clean_text(std::string("Jane Doe   \0\0\0", 14)), "Jane Doe");
  EXPECT_EQ(clean_text("  caption\n"), "caption");
}

TEST(TextCleanup, ReadsInvalidUtf8AsLatin1) {
  bool reencoded = false;
  EXPECT_EQ(clean_text("Caf\xE9", &reencoded), "Caf\xC3\xA9");
  EXPECT_TRUE(reencoded);
  EXPECT_EQ(clean_text("Москва", &reencoded), "Москва");
  EXPECT_FALSE(reencoded);
}

TEST(TextCleanup, RejectsOverlongAndSurrogateSequences) {
  EXPECT_FALSE(vern::is_valid_utf8("\xC0\xAF"));
  EXPECT_FALSE(vern::is_valid_utf8("\xED\xA0\x80"));
  EXPECT_FALSE(vern::is_valid_utf8("\xE2\x82"));
  EXPECT_TRUE(vern::is_valid_utf8("日本語 ✓"));
}

TEST(TextCleanup, CameraPlaceholdersAreNotCaptions) {
  EXPECT_EQ(meaningful_text("OLYMPUS DIGITAL CAMERA         "), std::nullopt);
  EXPECT_EQ(meaningful_text("KODAK Digital Still Camera"), std::nullopt);
  EXPECT_EQ(meaningful_text("SONY DSC"), std::nullopt);
  EXPECT_EQ(meaningful_text("<KENOX S730  / Samsung S730>"), std::nullopt);
  EXPECT_EQ(meaningful_text("   "), std::nullopt);
  EXPECT_EQ(meaningful_text("Street performers on Red Square"), "Street performers on Red Square");
}

TEST(TextCleanup, RemovesControlCharacters) {
  EXPECT_EQ(clean_text("a\x01"
                       "b\x1B[31mc"),
            "ab[31mc");
}

}  // namespace
}  // namespace vern::metadata::detail
