#include "cli/config_file.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace vern::cli {
namespace {

TEST(ConfigFile, ReadsSiteImageAndPrivacySettings) {
  test::TempDir dir;
  test::write_text(dir / "vernissage.toml", R"(
[site]
title = "Moscow Streets"
author = "Anna Petrova"
copyright = "© 2026 Anna Petrova"

[images]
sizes = [320, 1280]
formats = ["webp", "jpeg"]
quality = { jpeg = 75 }
sharpen = 0.0
raw = "develop"
prefer = "raw"

[privacy]
keep_location = true
)");
  BuildOptions options;
  ASSERT_TRUE(apply_config_file(dir / "vernissage.toml", options));
  EXPECT_EQ(options.site.title, "Moscow Streets");
  EXPECT_EQ(options.site.author, "Anna Petrova");
  EXPECT_EQ(options.imaging.long_edges, (std::vector<int>{320, 1280}));
  ASSERT_EQ(options.imaging.encodings.size(), 2u);
  EXPECT_EQ(options.imaging.encodings[0].format, OutputFormat::kWebp);
  EXPECT_EQ(options.imaging.encodings[1].quality, 75);
  EXPECT_EQ(options.imaging.sharpen_amount, 0.0);
  EXPECT_EQ(options.imaging.raw, imaging::RawMode::kDevelop);
  EXPECT_EQ(options.prefer, scan::PairPreference::kRaw);
  EXPECT_TRUE(options.site.keep_location);
}

TEST(ConfigFile, UnknownKeysAreErrorsNamingTheKeyAndFile) {
  test::TempDir dir;
  test::write_text(dir / "vernissage.toml", "[site]\ntitel = \"typo\"\n");
  BuildOptions options;
  const auto result = apply_config_file(dir / "vernissage.toml", options);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("site.titel"), std::string::npos);
  EXPECT_NE(result.error().path.find("vernissage.toml"), std::string::npos);
}

TEST(ConfigFile, SyntaxErrorsGiveTheLine) {
  test::TempDir dir;
  test::write_text(dir / "vernissage.toml", "[site]\ntitle = \n");
  BuildOptions options;
  const auto result = apply_config_file(dir / "vernissage.toml", options);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("line 2"), std::string::npos);
}

TEST(ConfigFile, WrongTypesAreRejected) {
  test::TempDir dir;
  test::write_text(dir / "vernissage.toml", "[images]\nsizes = [\"big\"]\n");
  BuildOptions options;
  EXPECT_FALSE(apply_config_file(dir / "vernissage.toml", options));
}

TEST(ConfigFile, ReadsThePhotographersPageSettings) {
  BuildOptions options;
  ASSERT_TRUE(apply_config_text(R"(
[site]
author = "Anna Petrova"
statement = "Twenty years of streets after dark."
contact = "Represented by Galerie Nord, Paris"
email = "anna@example.org"
cover = "ночь/IMG_0412.jpg"

[[site.links]]
title = "Instagram"
url = "https://instagram.com/anna"

[[site.links]]
title = "Write to the gallery"
url = "mailto:nord@example.org"
)",
                                "vernissage.toml", options));
  EXPECT_EQ(options.site.statement, "Twenty years of streets after dark.");
  EXPECT_EQ(options.site.contact, "Represented by Galerie Nord, Paris");
  EXPECT_EQ(options.site.email, "anna@example.org");
  EXPECT_EQ(options.site.cover, "ночь/IMG_0412.jpg");
  ASSERT_EQ(options.site.links.size(), 2u);
  EXPECT_EQ(options.site.links[0].title, "Instagram");
  EXPECT_EQ(options.site.links[1].url, "mailto:nord@example.org");
}

TEST(ConfigFile, RefusesLinksThatCouldRunAScriptAndPathsOutOfThePhotos) {
  for (const char* text : {
           "[[site.links]]\ntitle = \"x\"\nurl = \"javascript:alert(1)\"\n",
           "[[site.links]]\ntitle = \"x\"\nurl = \"data:text/html,hi\"\n",
           "[[site.links]]\ntitle = \"\"\nurl = \"https://example.org\"\n",
           "[[site.links]]\nurl = \"https://example.org\"\n",
           "[site]\nlinks = \"https://example.org\"\n",
           "[site]\nemail = \"not an address\"\n",
           "[site]\nemail = \"a@b\\\"><script>\"\n",
           "[site]\ncover = \"../secret/x.jpg\"\n",
           "[site]\ncover = \"/etc/x.jpg\"\n",
       }) {
    BuildOptions options;
    const auto result = apply_config_text(text, "vernissage.toml", options);
    ASSERT_FALSE(result) << text;
    EXPECT_EQ(result.error().path, "vernissage.toml") << text;
    EXPECT_NE(result.error().message.find("site."), std::string::npos) << result.error().message;
  }
}

}  // namespace
}  // namespace vern::cli
