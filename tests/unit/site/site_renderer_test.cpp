#include "site/site_renderer.h"

#include <gtest/gtest.h>

#include <map>

#include "unit/site/rendered_files.h"

namespace vern::site {
namespace {

constexpr const char* kHostile = "<script>alert(\"x\")</script> ' ]]> javascript:alert(1)";

PhotoInput photo(const std::string& name) {
  PhotoInput p;
  p.source_path = name;
  p.file_name = name;
  p.width = 300;
  p.height = 200;
  Derivative jpeg;
  jpeg.width = 300;
  jpeg.height = 200;
  jpeg.encoding = {OutputFormat::kJpeg, 82};
  jpeg.relative_path = "media/ab/ab-300.jpg";
  Derivative avif = jpeg;
  avif.encoding = {OutputFormat::kAvif, 55};
  avif.relative_path = "media/cd/cd-300.avif";
  p.derivatives = {avif, jpeg};
  return p;
}

using test_render::render;

FolderInput hostile_tree() {
  FolderInput root;
  FolderInput album;
  album.name = std::string("\"><img src=x onerror=alert(1)>");
  PhotoInput p = photo("a#b?c%d.jpg");
  p.metadata.caption = kHostile;
  p.metadata.title = kHostile;
  p.metadata.keywords = {kHostile};
  p.metadata.gps = GpsPosition{55.7539, 37.6208, 150};
  album.photos = {p};
  root.children = {album};
  return root;
}

TEST(SiteRenderer, WritesIndexAlbumPhotoAnd404Pages) {
  FolderInput root;
  FolderInput streets;
  streets.name = "streets";
  streets.photos = {photo("one.jpg"), photo("two.jpg")};
  root.children = {streets};
  const auto files = render(root);
  for (const char* path :
       {"index.html", "streets/index.html", "streets/one.html", "streets/two.html", "404.html"}) {
    EXPECT_TRUE(files.contains(path)) << path;
  }
  const auto& page = files.at("streets/one.html");
  EXPECT_NE(page.find("href=\"../streets/two.html\""), std::string::npos);
  EXPECT_NE(page.find("<source type=\"image/avif\" srcset=\"../media/cd/cd-300.avif 300w\""),
            std::string::npos);
  EXPECT_NE(page.find("width=\"300\" height=\"200\""), std::string::npos);
}

TEST(SiteRenderer, EscapesMetadataAndNamesForEveryContext) {
  const auto files = render(hostile_tree());
  for (const auto& [path, html] : files) {
    if (!path.ends_with(".html")) continue;
    EXPECT_EQ(html.find("<script>alert"), std::string::npos) << path;
    EXPECT_EQ(html.find("<img src=x"), std::string::npos) << path;
    EXPECT_EQ(html.find("onerror=alert(1)>"), std::string::npos) << path;
  }
  bool found_photo = false;
  for (const auto& [path, html] : files) {
    if (path.find("a-b-c-d.html") == std::string::npos) continue;
    found_photo = true;
    EXPECT_NE(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), std::string::npos);
  }
  EXPECT_TRUE(found_photo);
}

TEST(SiteRenderer, ShowsLocationOnlyWhenAskedTo) {
  const auto hidden = render(hostile_tree());
  for (const auto& [path, html] : hidden) {
    EXPECT_EQ(html.find("55.7539"), std::string::npos) << path;
    EXPECT_EQ(html.find("Location"), std::string::npos) << path;
  }
  SiteSettings keep;
  keep.keep_location = true;
  bool shown = false;
  for (const auto& [path, html] : render(hostile_tree(), keep)) {
    shown = shown || html.find("55.7539") != std::string::npos;
  }
  EXPECT_TRUE(shown);
}

TEST(SiteRenderer, SameInputGivesByteIdenticalPages) {
  EXPECT_EQ(render(hostile_tree()), render(hostile_tree()));
}

TEST(SiteRenderer, ThemeAssetsGetContentHashedNames) {
  const auto files = render(hostile_tree());
  std::string icon;
  for (const auto& [path, contents] : files) {
    if (path.starts_with("assets/favicon.") && path.ends_with(".svg")) icon = path;
  }
  ASSERT_FALSE(icon.empty());
  EXPECT_NE(icon, "assets/favicon.svg");
  EXPECT_NE(files.at("index.html").find("href=\"" + icon + "\""), std::string::npos);
}

TEST(SiteRenderer, InlinesTheStylesheetSoTheFirstPaintWaitsForNoRequest) {
  const auto theme = Theme::load(std::nullopt);
  ASSERT_TRUE(theme);
  const std::string css = *theme->file("assets/style.css");
  const auto files = render(hostile_tree());
  EXPECT_NE(files.at("index.html").find("<style>" + css + "</style>"), std::string::npos);
}

}  // namespace
}  // namespace vern::site
