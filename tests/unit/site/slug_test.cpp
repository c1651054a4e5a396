#include "site/slug.h"

#include <gtest/gtest.h>

namespace vern::site {
namespace {

TEST(Slug, LowerCasesAsciiAndJoinsWordsWithDashes) {
  EXPECT_EQ(slugify("Canon EOS 20D (2)", "x"), "canon-eos-20d-2");
  EXPECT_EQ(slugify("  --Paris__2019!!", "x"), "paris__2019");
}

TEST(Slug, KeepsLettersOfOtherScripts) {
  EXPECT_EQ(slugify("Красная площадь", "x"), "Красная-площадь");
  EXPECT_EQ(slugify("東京 2020", "x"), "東京-2020");
}

TEST(Slug, RemovesCharactersThatBreakUrlsOrReadBackwards) {
  EXPECT_EQ(slugify("a#b?c%d\"e'f<g>h", "x"), "a-b-c-d-e-f-g-h");
  EXPECT_EQ(slugify("evil\u202Egpj.exe", "x"), "evil-gpj-exe");
  EXPECT_EQ(slugify("bad\xFF\xFEname", "x"), "bad-name");
}

TEST(Slug, FallsBackWhenNothingIsLeft) {
  EXPECT_EQ(slugify("???", "photo"), "photo");
  EXPECT_EQ(slugify("", "album"), "album");
}

TEST(Slug, RegistryHandsOutDeterministicUniqueSlugsIgnoringCase) {
  SlugRegistry slugs;
  slugs.reserve("index");
  EXPECT_EQ(slugs.claim("img"), "img");
  EXPECT_EQ(slugs.claim("IMG"), "IMG-2");
  EXPECT_EQ(slugs.claim("img"), "img-3");
  EXPECT_EQ(slugs.claim("index"), "index-2");
}

}  // namespace
}  // namespace vern::site
