#include "site/gallery.h"

#include <gtest/gtest.h>

namespace vern::site {
namespace {

PhotoInput photo(const std::string& name, std::optional<std::string> taken_at = std::nullopt) {
  PhotoInput p;
  p.source_path = name;
  p.file_name = name;
  p.metadata.taken_at = std::move(taken_at);
  p.width = 300;
  p.height = 200;
  return p;
}

TEST(Gallery, OrdersPhotosByCaptureTimeThenPathWithUndatedLast) {
  FolderInput root;
  root.photos = {photo("c.jpg"), photo("b.jpg", "2020-01-01T10:00:00"),
                 photo("a.jpg", "2021-06-01T10:00:00"), photo("d.jpg", "2019-03-03")};
  const Album gallery = make_gallery(root, "Site");
  std::vector<std::string> order;
  for (const auto& p : gallery.photos) order.push_back(p.input.file_name);
  EXPECT_EQ(order, (std::vector<std::string>{"d.jpg", "b.jpg", "a.jpg", "c.jpg"}));
}

TEST(Gallery, GivesSameNamedPhotosDistinctPages) {
  FolderInput root;
  root.photos = {photo("IMG_1.jpg", "2020-01-01"), photo("img_1.png", "2020-01-02"),
                 photo("index.jpg", "2020-01-03")};
  const Album gallery = make_gallery(root, "Site");
  EXPECT_EQ(gallery.photos[0].page_path, "img_1.html");
  EXPECT_EQ(gallery.photos[1].page_path, "img_1-2.html");
  EXPECT_EQ(gallery.photos[2].page_path, "index-2.html");
}

TEST(Gallery, NestsAlbumsAndPicksCoversFromBelow) {
  FolderInput root;
  FolderInput travel;
  travel.name = "travel";
  FolderInput paris;
  paris.name = "paris_2019";
  paris.photos = {photo("eiffel.jpg")};
  travel.children = {paris};
  FolderInput media;  // a folder named like the site's own media folder
  media.name = "media";
  media.photos = {photo("m.jpg")};
  FolderInput empty;
  empty.name = "empty";
  root.children = {travel, media, empty};
  const Album gallery = make_gallery(root, "Site");
  ASSERT_EQ(gallery.children.size(), 2u);  // the empty album is dropped
  const Album& t = gallery.children[0];
  EXPECT_EQ(t.page_path, "travel/index.html");
  EXPECT_EQ(t.children[0].page_path, "travel/paris_2019/index.html");
  EXPECT_EQ(t.children[0].title, "Paris 2019");
  EXPECT_EQ(t.children[0].photos[0].page_path, "travel/paris_2019/eiffel.html");
  ASSERT_NE(t.cover, nullptr);
  EXPECT_EQ(t.cover->input.file_name, "eiffel.jpg");
  EXPECT_EQ(t.photo_count_with_children, 1);
  EXPECT_EQ(gallery.children[1].page_path, "media-2/index.html");
}

PhotoInput sized(const std::string& name, const std::string& taken_at, int width, int height) {
  PhotoInput p = photo(name, taken_at);
  p.width = width;
  p.height = height;
  return p;
}

TEST(Gallery, ACoverHasEnoughPixelsForItsCard) {
  FolderInput root;
  FolderInput mixed;
  mixed.name = "mixed";
  mixed.photos = {
      sized("tiny.jpg", "2020-01-01", 100, 75), sized("wide.jpg", "2020-01-02", 3000, 400),
      sized("good.jpg", "2020-01-03", 1600, 1067), sized("later.jpg", "2020-01-04", 4000, 3000)};
  FolderInput small;
  small.name = "small";
  small.photos = {sized("a.jpg", "2020-01-01", 100, 75), sized("b.jpg", "2020-01-02", 320, 240),
                  sized("c.jpg", "2020-01-03", 320, 240)};
  FolderInput chosen;
  chosen.name = "chosen";
  chosen.settings.cover = "tiny.jpg";
  chosen.photos = {sized("big.jpg", "2020-01-01", 4000, 3000),
                   sized("tiny.jpg", "2020-01-02", 100, 75)};
  root.children = {mixed, small, chosen};
  const Album gallery = make_gallery(root, "Site");
  ASSERT_EQ(gallery.children.size(), 3u);
  // The first in the album's order with 480 px on its shorter edge, not merely the largest.
  EXPECT_EQ(gallery.children[0].cover->input.file_name, "good.jpg");
  // None is large enough: the largest, the first of equals.
  EXPECT_EQ(gallery.children[1].cover->input.file_name, "b.jpg");
  // album.toml's choice stands.
  EXPECT_EQ(gallery.children[2].cover->input.file_name, "tiny.jpg");
}

}  // namespace
}  // namespace vern::site
