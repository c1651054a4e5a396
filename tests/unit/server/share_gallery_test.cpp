#include "server/share_gallery.h"

#include <gtest/gtest.h>

namespace vern::server {
namespace {

catalogue::PhotoRecord photo(std::int64_t id, const std::string& name, const std::string& creator) {
  catalogue::PhotoRecord record;
  record.id = id;
  record.path = "/archive/moscow/" + name;
  record.content_hash = std::string(32, static_cast<char>('a' + id));
  record.format = "jpeg";
  record.metadata.width = 3000;
  record.metadata.height = 2000;
  record.metadata.creator = creator;
  record.metadata.gps = GpsPosition{55.7539, 37.6208, std::nullopt};
  return record;
}

catalogue::Share share_of(bool keep_location) {
  catalogue::Share share;
  share.id = 9;
  share.recipient = "Le Monde";
  share.selection = "album:/archive/street_life";
  share.keep_location = keep_location;
  return share;
}

TEST(ShareGallery, LaysTheShareOutAsASiteWithOnlyItsOwnImageNames) {
  const auto theme = site::Theme::load(std::nullopt);
  ASSERT_TRUE(theme);
  ShareLook look;
  look.images.output = "/private/images";
  const std::vector<catalogue::PhotoRecord> photos = {photo(1, "a.jpg", "Anna"),
                                                      photo(2, "b.jpg", "Anna")};
  auto missing = photo(3, "c.jpg", "Anna");
  missing.missing = true;
  auto with_missing = photos;
  with_missing.push_back(missing);
  const auto gallery = make_share_gallery(share_of(false), with_missing, look, *theme);
  ASSERT_TRUE(gallery) << gallery.error().describe();
  EXPECT_EQ(gallery->title, "For Le Monde \u2014 Street life");
  EXPECT_EQ(gallery->pages.size(), 3u);  // the gallery and a page per present photo
  ASSERT_TRUE(gallery->pages.contains("index.html"));
  EXPECT_EQ(gallery->photos.size(), 2u);
  // The names are the build's: the same recipe gives the same files.
  std::size_t expected = 0;
  for (const auto& record : photos) {
    for (const auto& d : publish::planned_derivatives(record, look.images)) {
      EXPECT_EQ(gallery->media.at(d.relative_path), record.id);
      ++expected;
    }
  }
  EXPECT_EQ(gallery->media.size(), expected);
  for (const auto& [name, html] : gallery->pages) {
    EXPECT_EQ(html.find("55.75"), std::string::npos) << name;  // no location
    EXPECT_EQ(html.find("feed.xml"), std::string::npos) << name;
    EXPECT_NE(html.find("noindex"), std::string::npos) << name;
    EXPECT_NE(html.find(">Anna<"), std::string::npos) << name;  // the photographer they agree on
  }
}

TEST(ShareGallery, ShowsLocationOnlyWhenTheLinkKeepsItAndNamesNoOneWhenCreatorsDiffer) {
  const auto theme = site::Theme::load(std::nullopt);
  ASSERT_TRUE(theme);
  const std::vector<catalogue::PhotoRecord> photos = {photo(1, "a.jpg", "Anna"),
                                                      photo(2, "b.jpg", "Boris")};
  const auto gallery = make_share_gallery(share_of(true), photos, {}, *theme);
  ASSERT_TRUE(gallery);
  bool located = false;
  for (const auto& [name, html] : gallery->pages)
    located |= html.find("55.75") != std::string::npos;
  EXPECT_TRUE(located);
  EXPECT_NE(gallery->pages.at("index.html").find(">Private gallery<"), std::string::npos);

  const auto gate = password_page(share_of(false), {}, *theme, true);
  ASSERT_TRUE(gate);
  EXPECT_NE(gate->find(R"(<form method="post" action="./")"), std::string::npos);
  EXPECT_NE(gate->find("role=\"alert\""), std::string::npos);
}

}  // namespace
}  // namespace vern::server
