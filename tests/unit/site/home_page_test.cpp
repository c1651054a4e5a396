// The home page that introduces the photographer, and the About page.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "site/page_fingerprint.h"
#include "site/site_renderer.h"
#include "unit/site/rendered_files.h"

namespace vern::site {
namespace {

PhotoInput photo(const std::string& album, const std::string& name, int width = 3000,
                 int height = 2000) {
  PhotoInput p;
  p.source_path = album + "/" + name;
  p.file_name = name;
  p.width = width;
  p.height = height;
  for (const int long_edge : {480, 1600}) {
    Derivative jpeg;
    jpeg.width = width >= height ? long_edge : long_edge * width / height;
    jpeg.height = width >= height ? long_edge * height / width : long_edge;
    jpeg.encoding = {OutputFormat::kJpeg, 82};
    jpeg.relative_path = "media/" + name + "-" + std::to_string(long_edge) + ".jpg";
    p.derivatives.push_back(jpeg);
  }
  return p;
}

FolderInput three_series() {
  FolderInput root;
  for (const char* name : {"streets", "nature", "machines"}) {
    FolderInput album;
    album.name = name;
    album.photos = {photo(name, "a.jpg"), photo(name, "b.jpg", 2000, 3000)};
    root.children.push_back(album);
  }
  return root;
}

using test_render::render;

SiteSettings photographer() {
  SiteSettings settings;
  settings.title = "Moscow at night";
  settings.author = "Anna Petrova";
  settings.statement = "Twenty years of streets after dark.";
  settings.about = "# Anna Petrova\n\nBorn in Tula. Shows in *Paris*.\n\n## Shows\n\n- 2024";
  settings.contact = "Represented by Galerie Nord, Paris";
  settings.email = "anna@example.org";
  settings.links = {{"Instagram", "https://instagram.com/anna"}};
  settings.cover = "nature/b.jpg";
  return settings;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(HomePage, IntroducesThePhotographerBeforeTheSeries) {
  const auto files = render(three_series(), photographer());
  const std::string& home = files.at("index.html");
  const auto name = home.find("<h1 class=\"intro-name\">Anna Petrova</h1>");
  const auto statement = home.find("Twenty years of streets after dark.");
  const auto cover = home.find("class=\"intro-cover\" href=\"nature/b.html\"");
  const auto series = home.find("<section class=\"albums\"");
  ASSERT_NE(name, std::string::npos) << home;
  ASSERT_NE(statement, std::string::npos);
  ASSERT_NE(cover, std::string::npos) << "the cover chosen in the settings";
  ASSERT_NE(series, std::string::npos);
  EXPECT_LT(name, statement);
  EXPECT_LT(statement, cover);
  EXPECT_LT(cover, series);
  // The cover is the page's largest paint: fetched first, and the only one fetched so.
  EXPECT_EQ(count(home, "fetchpriority=\"high\""), 1u);
  EXPECT_LT(home.find("fetchpriority=\"high\""), series);
  EXPECT_NE(home.find("<a href=\"about.html\">About Anna Petrova</a>"), std::string::npos);
  // A portrait's width on a desktop is bounded by the window's height.
  EXPECT_NE(home.find("sizes=\"(max-width: 800px) calc(100vw - 32px), calc(80vh * 0.6667)\""),
            std::string::npos);
}

TEST(HomePage, AStatementOfSeveralParagraphsKeepsThem) {
  SiteSettings settings = photographer();
  settings.statement = "Twenty years of streets.\n\nAfter dark, <mostly>.\n\n\n";
  const std::string home = render(three_series(), settings).at("index.html");
  EXPECT_NE(home.find("<p class=\"intro-statement\">Twenty years of streets.</p>\n"
                      "<p class=\"intro-statement\">After dark, &lt;mostly&gt;.</p>"),
            std::string::npos)
      << home;
  EXPECT_EQ(home.find("<p class=\"intro-statement\">\n"), std::string::npos) << "no empty one";
}

TEST(HomePage, UsesAboutsFirstParagraphWithoutAStatement) {
  SiteSettings settings = photographer();
  settings.statement.clear();
  const auto files = render(three_series(), settings);
  EXPECT_NE(files.at("index.html")
                .find("<p class=\"intro-statement\">Born in Tula. Shows in <em>Paris</em>.</p>"),
            std::string::npos)
      << files.at("index.html");
}

TEST(HomePage, FallsBackToTheGallerysCoverAndTitle) {
  SiteSettings settings;
  settings.title = "Gallery of mine";
  settings.statement = "Streets.";
  settings.cover = "nowhere/x.jpg";  // not a photo of this build
  const auto files = render(three_series(), settings);
  const std::string& home = files.at("index.html");
  EXPECT_NE(home.find("<h1 class=\"intro-name\">Gallery of mine</h1>"), std::string::npos);
  EXPECT_NE(home.find("class=\"intro-cover\" href=\"streets/a.html\""), std::string::npos) << home;
  // A landscape's by its column.
  EXPECT_NE(home.find("sizes=\"(max-width: 800px) calc(100vw - 32px), 62vw\""), std::string::npos);
  // Nothing for an About page: none, and no link to one.
  EXPECT_FALSE(files.contains("about.html"));
  EXPECT_EQ(home.find("about.html"), std::string::npos);
}

TEST(HomePage, WithoutWordsStaysAPlainAlbumPage) {
  SiteSettings settings;
  settings.title = "Just photos";
  const auto files = render(three_series(), settings);
  const std::string& home = files.at("index.html");
  EXPECT_EQ(home.find("class=\"intro"), std::string::npos);
  EXPECT_NE(home.find("<h1 class=\"album-title\">Just photos</h1>"), std::string::npos);
}

TEST(HomePage, AlbumCardsAskForCoversAsWideAsTheirColumn) {
  const auto files = render(three_series(), photographer());
  const std::string& home = files.at("index.html");
  // Three cards: one column below 650 px, two below 968 px, then three sharing the page.
  const std::string sizes =
      "sizes=\"(max-width: 649px) calc((100vw - 32px) / 1), (max-width: 967px) calc((100vw - "
      "50px) / 2), (max-width: 1600px) calc((100vw - 68px) / 3), 510px\"";
  EXPECT_NE(home.find(sizes), std::string::npos) << home;
}

TEST(AlbumPage, TilesAskForPicturesAsWideAsTheirAspectMakesThem) {
  const auto files = render(three_series(), photographer());
  const std::string& album = files.at("streets/index.html");
  // 140 px rows on a phone, 220 px above, stretched by up to 1.25: a portrait tile wants less
  // than half of a landscape one's pixels.
  EXPECT_NE(album.find("sizes=\"(max-width: 640px) 263px, 413px\""), std::string::npos) << album;
  EXPECT_NE(album.find("sizes=\"(max-width: 640px) 117px, 183px\""), std::string::npos) << album;
}

TEST(AboutPage, HasTheTextContactAndLinks) {
  const auto files = render(three_series(), photographer());
  ASSERT_TRUE(files.contains("about.html"));
  const std::string& about = files.at("about.html");
  EXPECT_NE(about.find("<h1>Anna Petrova</h1>"), std::string::npos) << about;
  EXPECT_EQ(count(about, "Anna Petrova</h1>"), 1u) << "the text's title is the page's";
  EXPECT_NE(about.find("<h2>Shows</h2>"), std::string::npos);
  EXPECT_NE(about.find("Represented by Galerie Nord, Paris"), std::string::npos);
  EXPECT_NE(about.find("<a href=\"mailto:anna@example.org\">anna@example.org</a>"),
            std::string::npos);
  EXPECT_NE(about.find("<a href=\"https://instagram.com/anna\" rel=\"me\">Instagram</a>"),
            std::string::npos);
  // Every page of the site links to it from its header, relative to the page.
  EXPECT_NE(files.at("streets/a.html").find("href=\"../about.html\">About</a>"), std::string::npos);
}

TEST(AboutPage, EscapesTheSettingsAndKeepsTheTextSafe) {
  SiteSettings settings = photographer();
  const std::string hostile = "<script>alert(1)</script>";
  settings.author = hostile;
  settings.statement = hostile;
  settings.contact = hostile;
  settings.links = {{hostile, "https://example.org/\"><script>"}};
  settings.about = "Hi " + hostile + " [x](javascript:alert(1))";
  const auto files = render(three_series(), settings);
  for (const char* page : {"index.html", "about.html"}) {
    const std::string& html = files.at(page);
    EXPECT_EQ(html.find("<script>"), std::string::npos) << page << html;
    EXPECT_EQ(html.find("javascript:"), std::string::npos) << page;
  }
}

TEST(AboutPage, IsInTheSitemapAfterTheHomePage) {
  SiteSettings settings = photographer();
  settings.base_url = "https://anna.example/";
  const auto files = render(three_series(), settings);
  // A link to the home page or the About page is previewed with the home cover.
  for (const char* page : {"index.html", "about.html"}) {
    EXPECT_NE(
        files.at(page).find(
            "<meta property=\"og:image\" content=\"https://anna.example/media/b.jpg-1600.jpg\">"),
        std::string::npos)
        << page;
  }
  const std::string& sitemap = files.at("sitemap.xml");
  const auto home = sitemap.find("<loc>https://anna.example/index.html</loc>");
  const auto about = sitemap.find("<loc>https://anna.example/about.html</loc>");
  ASSERT_NE(home, std::string::npos) << sitemap;
  ASSERT_NE(about, std::string::npos) << sitemap;
  EXPECT_LT(home, about);
}

TEST(AboutPage, APrivateGalleryHasNeitherIntroductionNorAbout) {
  SiteSettings settings = photographer();
  settings.private_gallery = true;
  const auto files = render(three_series(), settings);
  EXPECT_FALSE(files.contains("about.html"));
  EXPECT_EQ(files.at("index.html").find("class=\"intro\""), std::string::npos);
  EXPECT_EQ(files.at("index.html").find("about.html"), std::string::npos);
}

TEST(HomePage, ItsWordsAndCoverAreInTheHomeFingerprintOnly) {
  const Album gallery = make_gallery(three_series(), "t");
  const SiteSettings before = photographer();
  const auto fingerprints = [&](const SiteSettings& settings) {
    return std::pair{
        album_fingerprint(gallery, {}, settings, "theme"),
        album_fingerprint(gallery.children[0], {{"t", "index.html"}}, settings, "theme")};
  };
  for (const auto& change : std::vector<std::function<void(SiteSettings&)>>{
           [](SiteSettings& s) { s.statement = "Other words."; },
           [](SiteSettings& s) { s.about += "\n\nMore."; },
           [](SiteSettings& s) { s.cover = "streets/b.jpg"; }}) {
    SiteSettings after = before;
    change(after);
    EXPECT_NE(fingerprints(before).first, fingerprints(after).first);
    EXPECT_EQ(fingerprints(before).second, fingerprints(after).second)
        << "an album page does not show them";
  }
  // The header's About link is on every page: gaining or losing the page changes them all.
  SiteSettings without = before;
  without.about.clear();
  without.contact.clear();
  without.email.clear();
  without.links.clear();
  EXPECT_NE(fingerprints(before).second, fingerprints(without).second);
}

}  // namespace
}  // namespace vern::site
