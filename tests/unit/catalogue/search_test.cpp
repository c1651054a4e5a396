// Searches against real catalogues of both backends: the query language as a photographer uses
// it, with the same answers from SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>

#include "catalogue/catalogue_tables.h"
#include "support/catalogue_backends.h"
#include "support/test_support.h"

namespace vern::catalogue {
namespace {

PhotoRecord photo(const std::string& path) {
  PhotoRecord r;
  r.path = path;
  r.size_bytes = 1000;
  r.content_hash = path;  // distinct per photo
  r.format = "jpeg";
  r.metadata.width = 3000;
  r.metadata.height = 2000;
  return r;
}

class Search : public ::testing::TestWithParam<test::Backend> {
 protected:
  void SetUp() override {
    location_ = test::fresh_catalogue(GetParam(), dir_);
    auto opened = open_catalogue(location_);
    ASSERT_TRUE(opened) << opened.error().describe();
    catalogue_ = std::move(*opened);

    auto square = photo("/archive/moscow/2019/IMG_0412.jpg");
    square.metadata.title = "Performers on Red Square";
    square.metadata.caption = "Уличные артисты на Красной площади";
    square.metadata.keywords = {"Moscow", "street performers"};
    square.metadata.camera_make = "NIKON CORPORATION";
    square.metadata.camera_model = "NIKON D90";
    square.metadata.lens = "AF-S Nikkor 35mm f/1.8G";
    square.metadata.focal_length_mm = 35;
    square.metadata.iso = 6400;
    square.metadata.rating = 5;
    square.metadata.taken_at = "2019-05-09T14:02:11+03:00";
    square.metadata.creator = "Анна Петрова";

    auto taiga = photo("/archive/siberia/Ёлки в тайге.jpg");
    taiga.metadata.keywords = {"Siberia", "forest"};
    taiga.metadata.camera_make = "Canon";
    taiga.metadata.camera_model = "Canon EOS 5D Mark III";
    taiga.metadata.focal_length_mm = 24;
    taiga.metadata.iso = 200;
    taiga.metadata.rating = 4;
    taiga.metadata.taken_at = "2021-02-20T09:00:00";

    auto paulo = photo("/archive/brazil/sp.png");
    paulo.format = "png";
    paulo.metadata.caption = "Avenida Paulista, São Paulo";
    paulo.metadata.keywords = {"Brasil"};
    paulo.metadata.rating = 2;
    paulo.metadata.iso = 3200;
    paulo.metadata.taken_at = "2020-11-01T18:30:00";

    auto gone = photo("/archive/moscow/2019/IMG_0413.jpg");
    gone.metadata.title = "Red Square at night";
    gone.missing = true;

    for (const auto& r : {square, taiga, paulo, gone}) ASSERT_TRUE(catalogue_->put(r));
  }

  std::vector<std::string> paths(std::string_view text, SortField sort = SortField::kRelevance,
                                 bool reverse = false) {
    auto query = parse_search_query(text);
    EXPECT_TRUE(query) << query.error().message;
    if (!query) return {};
    query->sort = sort;
    query->reverse = reverse;
    auto found = catalogue_->search(*query);
    EXPECT_TRUE(found) << found.error().describe();
    std::vector<std::string> out;
    if (found) {
      for (const auto& r : *found) out.push_back(r.path.substr(r.path.rfind('/') + 1));
    }
    return out;
  }

  test::TempDir dir_;
  std::string location_;
  std::unique_ptr<Catalogue> catalogue_;
};

using Names = std::vector<std::string>;

TEST_P(Search, FreeTextMatchesWordPrefixesInEveryTextField) {
  EXPECT_EQ(paths("perform"), Names{"IMG_0412.jpg"});          // title and keyword
  EXPECT_EQ(paths("red square"), Names{"IMG_0412.jpg"});       // missing photo left out
  EXPECT_EQ(paths("img_0412"), Names{"IMG_0412.jpg"});         // file name
  EXPECT_EQ(paths("петрова"), Names{"IMG_0412.jpg"});          // creator, Cyrillic case
  EXPECT_EQ(paths("красной площади"), Names{"IMG_0412.jpg"});  // caption
  EXPECT_EQ(paths("\"Red Square\" night"), Names{});           // every part must match
  EXPECT_EQ(paths("forest"), Names{"Ёлки в тайге.jpg"});
}

TEST_P(Search, IgnoresDiacriticsIncludingTheRussianYo) {
  EXPECT_EQ(paths("sao paulo"), Names{"sp.png"});
  EXPECT_EQ(paths("São"), Names{"sp.png"});
  EXPECT_EQ(paths("елки"), Names{"Ёлки в тайге.jpg"});
  EXPECT_EQ(paths("ЁЛКИ"), Names{"Ёлки в тайге.jpg"});
}

TEST_P(Search, FiltersByCameraLensAndExposure) {
  EXPECT_EQ(paths("camera:nikon"), Names{"IMG_0412.jpg"});
  EXPECT_EQ(paths("camera:\"eos 5d\""), Names{"Ёлки в тайге.jpg"});
  EXPECT_EQ(paths("lens:35mm"), Names{"IMG_0412.jpg"});
  EXPECT_EQ(paths("focal:35"), Names{"IMG_0412.jpg"});
  EXPECT_EQ(paths("iso:>3200"), Names{"IMG_0412.jpg"});
  EXPECT_EQ(paths("iso:>=3200", SortField::kIso), (Names{"sp.png", "IMG_0412.jpg"}));
  EXPECT_EQ(paths("rating:>=4", SortField::kRating), (Names{"IMG_0412.jpg", "Ёлки в тайге.jpg"}));
  EXPECT_EQ(paths("format:png"), Names{"sp.png"});
}

TEST_P(Search, FiltersByDatesKeywordsAndAlbums) {
  EXPECT_EQ(paths("taken:2019"), Names{"IMG_0412.jpg"});
  EXPECT_EQ(paths("taken:2019-05..2020-11"), (Names{"IMG_0412.jpg", "sp.png"}));
  EXPECT_EQ(paths("taken:2020-11-02.."), Names{"Ёлки в тайге.jpg"});
  EXPECT_EQ(paths("keyword:siberia rating:>=4"), Names{"Ёлки в тайге.jpg"});
  EXPECT_EQ(paths("keyword:moscow"), Names{"IMG_0412.jpg"});
  EXPECT_EQ(paths("keyword:paulista"), Names{});  // a caption word is not a keyword
  EXPECT_EQ(paths("album:siberia"), Names{"Ёлки в тайге.jpg"});
  EXPECT_EQ(paths("album:2019 performers"), Names{"IMG_0412.jpg"});
}

TEST_P(Search, MissingPhotosOnlyWhenAskedFor) {
  EXPECT_EQ(paths("missing:yes"), Names{"IMG_0413.jpg"});
  EXPECT_EQ(paths("red missing:any", SortField::kPath), (Names{"IMG_0412.jpg", "IMG_0413.jpg"}));
}

TEST_P(Search, SortsAndLimits) {
  EXPECT_EQ(paths(""), (Names{"IMG_0412.jpg", "sp.png", "Ёлки в тайге.jpg"}));  // by date
  EXPECT_EQ(paths("", SortField::kTaken, true),
            (Names{"Ёлки в тайге.jpg", "sp.png", "IMG_0412.jpg"}));
  EXPECT_EQ(paths("", SortField::kRating), (Names{"IMG_0412.jpg", "Ёлки в тайге.jpg", "sp.png"}));
  auto query = *parse_search_query("");
  query.limit = 1;
  EXPECT_EQ(catalogue_->search(query)->size(), 1u);
}

TEST_P(Search, CanBeLimitedToFolders) {
  auto query = *parse_search_query("");
  query.under = {"/archive/moscow"};
  const auto found = catalogue_->search(query);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].path, "/archive/moscow/2019/IMG_0412.jpg");
  query.under = {"/archive/mos"};  // a folder, not a prefix of a name
  EXPECT_TRUE(catalogue_->search(query)->empty());
}

TEST_P(Search, QuerySyntaxInTheTextIsOnlyText) {
  // FTS5 operators and quotes typed by the user must neither fail nor change the meaning.
  EXPECT_EQ(paths("red OR NOT* square"), Names{});
  EXPECT_EQ(paths("\"red\"\"square\""), Names{});
  EXPECT_EQ(paths("camera:%"), Names{});
  EXPECT_EQ(paths("- *"), (Names{"IMG_0412.jpg", "sp.png", "Ёлки в тайге.jpg"}));
}

TEST_P(Search, TextIndexFollowsUpdatesAndDeletes) {
  auto changed = *catalogue_->find("/archive/brazil/sp.png");
  ASSERT_TRUE(changed);
  changed->metadata.caption = "Copacabana";
  ASSERT_TRUE(catalogue_->put(*changed));
  EXPECT_EQ(paths("paulista"), Names{});
  EXPECT_EQ(paths("copacabana"), Names{"sp.png"});
  ChangeSet forget;
  forget.forgotten = {"/archive/brazil/sp.png"};
  ASSERT_TRUE(catalogue_->apply(forget));
  EXPECT_EQ(paths("copacabana"), Names{});
}

TEST_P(Search, FiltersByFormatIncludingTheOtherFileOfAPair) {
  auto pair = photo("/archive/moscow/2019/DSC_1.JPG");
  pair.companions = {"/archive/moscow/2019/DSC_1.NEF"};
  auto raw = photo("/archive/moscow/2019/DSC_2.CR2");
  raw.format = "raw";
  ASSERT_TRUE(catalogue_->put(pair));
  ASSERT_TRUE(catalogue_->put(raw));
  EXPECT_EQ(paths("format:png"), Names{"sp.png"});
  EXPECT_EQ(paths("format:raw", SortField::kPath), (Names{"DSC_1.JPG", "DSC_2.CR2"}));
  EXPECT_EQ(paths("format:nef"), Names{"DSC_1.JPG"});
  EXPECT_EQ(paths("format:cr2"), Names{"DSC_2.CR2"});
}

TEST_P(Search, FindsWhatARecipientPicked) {
  auto tables = open_tables(location_);
  ASSERT_TRUE(tables);
  const auto square = *(*tables->photos->find("/archive/moscow/2019/IMG_0412.jpg"));
  const auto taiga = *(*tables->photos->find("/archive/siberia/Ёлки в тайге.jpg"));
  Share share;
  share.token_hash = "h";
  share.recipient = "Le Monde";
  share.selection = "select:";
  share.created = "2026-11-30T12:00:00Z";
  share.photo_ids = {square.id, taiga.id};
  const auto id = tables->shares->create(share);
  ASSERT_TRUE(id);
  ASSERT_TRUE(tables->shares->set_mark({*id, square.id, "pick", std::nullopt, std::nullopt, "t"}));
  ASSERT_TRUE(tables->shares->set_mark({*id, taiga.id, "reject", std::nullopt, std::nullopt, "t"}));
  EXPECT_EQ(paths("picked:lemonde"), Names{"IMG_0412.jpg"});
  EXPECT_EQ(paths("picked:\"le monde\""), Names{"IMG_0412.jpg"});
  EXPECT_EQ(paths("picked:any"), Names{"IMG_0412.jpg"});
  EXPECT_EQ(paths("picked:magnum"), Names{});
}

// Folder names are compared as text, whatever their script: "under" counts characters, not
// bytes, as substr() does.
TEST_P(Search, CanBeLimitedToAFolderWithACyrillicName) {
  ASSERT_TRUE(catalogue_->put(photo("/архив/Москва/кадр.jpg")));
  auto query = *parse_search_query("");
  query.under = {"/архив/Москва"};
  const auto found = catalogue_->search(query);
  ASSERT_TRUE(found) << found.error().describe();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().path, "/архив/Москва/кадр.jpg");
}

INSTANTIATE_TEST_SUITE_P(Backends, Search,
                         ::testing::Values(test::Backend::kSqlite, test::Backend::kPostgres),
                         [](const auto& info) { return test::backend_name(info.param); });

}  // namespace
}  // namespace vern::catalogue
