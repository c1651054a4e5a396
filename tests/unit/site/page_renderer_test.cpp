#include "site/page_renderer.h"

#include <gtest/gtest.h>

#include "site/site_renderer.h"
#include "support/test_support.h"

namespace vern::site {
namespace {

namespace fs = std::filesystem;

PhotoInput photo(const std::string& name) {
  PhotoInput p;
  p.source_path = "streets/" + name;
  p.file_name = name;
  p.width = 300;
  p.height = 200;
  Derivative jpeg;
  jpeg.width = 300;
  jpeg.height = 200;
  jpeg.encoding = {OutputFormat::kJpeg, 82};
  jpeg.relative_path = "media/ab/ab-300.jpg";
  p.derivatives = {jpeg};
  p.metadata.caption = "Quai de Valmy <5 a.m.>";
  return p;
}

Album gallery() {
  FolderInput root;
  FolderInput streets;
  streets.name = "streets";
  streets.photos = {photo("one.jpg"), photo("two.jpg")};
  root.children = {streets};
  return make_gallery(root, "Moscow");
}

// One page at a time gives the bytes render_site writes for the same page.
TEST(PageRenderer, RendersOnePhotoPageAsTheWholeSiteDoes) {
  const auto theme = Theme::load(std::nullopt);
  ASSERT_TRUE(theme);
  SiteSettings settings;
  settings.title = "Moscow";
  const Album site = gallery();
  const Album& streets = site.children.at(0);
  PageRenderer pages(settings, *theme);
  const auto second = pages.photo_page(
      streets, 1, {{site.title, site.page_path}, {streets.title, streets.page_path}});
  ASSERT_TRUE(second) << second.error().describe();
  const auto whole = render_site(site, settings, *theme);
  ASSERT_TRUE(whole);
  const auto it = std::find_if(whole->files.begin(), whole->files.end(), [&](const SiteFile& f) {
    return f.relative_path == streets.photos[1].page_path;
  });
  ASSERT_NE(it, whole->files.end());
  EXPECT_EQ(*second, it->contents);
  EXPECT_NE(second->find("Quai de Valmy &lt;5 a.m.&gt;"), std::string::npos);
  // Relative links from streets/two.html: the previous photo, the album, the stylesheet.
  EXPECT_NE(second->find("href=\"../streets/one.html\""), std::string::npos) << *second;
  EXPECT_NE(second->find("href=\"../streets/index.html\""), std::string::npos) << *second;
  EXPECT_NE(second->find("../" + pages.asset_names().begin()->second), std::string::npos);
}

// A template of a theme's own (a share page, say), in the site's layout, at a path of its own.
// A work's facts are on its page, its title over the photo's, escaped as every text; the price
// only when the photographer shows prices.
TEST(PageRenderer, ShowsAPhotosFactsAsAWorkAndThePriceOnlyWhenAsked) {
  const auto theme = Theme::load(std::nullopt);
  ASSERT_TRUE(theme);
  FolderInput root;
  auto one = photo("one.jpg");
  one.metadata.taken_at = "2019-05-09T14:02:11+03:00";
  one.work.title = "Утро <на> площади";
  one.work.medium = "Archival pigment print";
  one.work.print_size = "60 × 40 cm";
  one.work.edition = "1/5";
  one.work.price = "1 200 €";
  one.work.plate = 7;
  root.photos = {one, photo("two.jpg")};
  const Album site = make_gallery(root, "Moscow");
  SiteSettings settings;
  for (const bool show_prices : {false, true}) {
    settings.show_prices = show_prices;
    PageRenderer pages(settings, *theme);
    const auto page = pages.photo_page(site, 0, {{site.title, site.page_path}});
    ASSERT_TRUE(page) << page.error().describe();
    EXPECT_NE(page->find("<h1 class=\"photo-title\">Утро &lt;на&gt; площади</h1>"),
              std::string::npos)
        << *page;
    for (const char* fact : {"<dt>Plate</dt><dd>7</dd>", "<dt>Year</dt><dd>2019</dd>",
                             "<dd>Archival pigment print</dd>", "<dd>60 × 40 cm</dd>",
                             "<dt>Edition</dt><dd>1/5</dd>"}) {
      EXPECT_NE(page->find(fact), std::string::npos) << fact;
    }
    EXPECT_EQ(page->find("1 200 €") != std::string::npos, show_prices);
    // A photo that is no work has no list of work facts.
    const auto plain = pages.photo_page(site, 1, {{site.title, site.page_path}});
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->find("class=\"work\""), std::string::npos);
  }
}

TEST(PageRenderer, RendersAnyTemplateOfTheThemeInTheLayout) {
  test::TempDir theme_dir;
  test::write_text(theme_dir / "templates/share.mustache",
                   "<h1>{{title}}</h1><a href=\"{{root}}index.html\">{{recipient}}</a>");
  const auto theme = Theme::load(theme_dir.path());
  ASSERT_TRUE(theme) << theme.error().describe();
  SiteSettings settings;
  settings.title = "Moscow";
  PageRenderer pages(settings, *theme);
  TemplateData body;
  body.set("title", "For the picture desk");
  body.set("recipient", "Le Monde <photo>");
  const auto html = pages.page("share.mustache", "s/abc/index.html", "Shared", body, {});
  ASSERT_TRUE(html) << html.error().describe();
  EXPECT_NE(html->find("<h1>For the picture desk</h1>"), std::string::npos) << *html;
  EXPECT_NE(html->find("href=\"../../index.html\">Le Monde &lt;photo&gt;</a>"), std::string::npos)
      << *html;
  EXPECT_NE(html->find("<title>Shared</title>"), std::string::npos) << *html;
  const auto missing = pages.page("nothing.mustache", "x.html", "x", {}, {});
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().describe().find("nothing.mustache"), std::string::npos);
}

}  // namespace
}  // namespace vern::site
