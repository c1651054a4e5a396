#include <gtest/gtest.h>
#include <sqlite3.h>

#include "catalogue/catalogue_tables.h"
#include "catalogue/search_query.h"
#include "support/catalogue_backends.h"
#include "support/test_support.h"

namespace vern::catalogue {
namespace {

Share share_for(const std::string& recipient) {
  Share share;
  share.token_hash = "hash-of-" + recipient;
  share.recipient = recipient;
  share.selection = "album:/p/moscow";
  share.photo_ids = {3, 1, 2};
  share.created = "2026-11-30T12:00:00Z";
  share.expires = "2026-12-14T12:00:00Z";
  share.downloads = "web";
  share.password_hash = "$argon2id$v=19$...";
  return share;
}

class ShareTableTest : public ::testing::TestWithParam<test::Backend> {
 protected:
  Result<CatalogueTables> open() { return open_tables(location_); }
  test::TempDir dir_;
  std::string location_ = test::fresh_catalogue(GetParam(), dir_);
};

TEST_P(ShareTableTest, RemembersAShareWithItsPhotosInOrder) {
  auto tables = open();
  ASSERT_TRUE(tables) << tables.error().describe();
  const auto id = tables->shares->create(share_for("Le Monde"));
  ASSERT_TRUE(id) << id.error().describe();
  const auto found = tables->shares->find(*id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->recipient, "Le Monde");
  EXPECT_EQ((*found)->photo_ids, (std::vector<std::int64_t>{3, 1, 2}));
  EXPECT_EQ((*found)->expires, "2026-12-14T12:00:00Z");
  EXPECT_EQ((*found)->downloads, "web");
  EXPECT_EQ((*found)->password_hash, "$argon2id$v=19$...");
  const auto by_token = tables->shares->find_by_token_hash("hash-of-Le Monde");
  ASSERT_TRUE(by_token && *by_token);
  EXPECT_EQ((*by_token)->id, *id);
  EXPECT_FALSE(*tables->shares->find_by_token_hash("hash-of-someone-else"));
  const auto link = tables->shares->find_link_by_token_hash("hash-of-Le Monde");
  ASSERT_TRUE(link && *link);
  EXPECT_EQ((*link)->id, *id);
  EXPECT_EQ((*link)->password_hash, "$argon2id$v=19$...");
  EXPECT_TRUE((*link)->photo_ids.empty());
}

TEST_P(ShareTableTest, RevokesExtendsAndRotates) {
  auto tables = open();
  ASSERT_TRUE(tables);
  const auto first = *tables->shares->create(share_for("Le Monde"));
  const auto second = *tables->shares->create(share_for("Magnum"));
  ASSERT_TRUE(tables->shares->revoke(first));
  ASSERT_TRUE(tables->shares->set_expiry(second, std::nullopt));
  ASSERT_TRUE(tables->shares->set_token_hash(second, "new-hash"));
  const auto all = tables->shares->all();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_TRUE((*all)[0].revoked);
  EXPECT_FALSE((*all)[1].revoked);
  EXPECT_FALSE((*all)[1].expires);
  EXPECT_EQ((*all)[1].photo_ids.size(), 3u);
  // The old token opens nothing once rotated.
  EXPECT_FALSE(*tables->shares->find_by_token_hash("hash-of-Magnum"));
  EXPECT_TRUE(*tables->shares->find_by_token_hash("new-hash"));
  EXPECT_FALSE(tables->shares->revoke(99));
  EXPECT_EQ(*tables->shares->view_count(first), 0);
}

TEST_P(ShareTableTest, LogsViewsPerShareInOrderAndDropsThoseOfUnknownShares) {
  auto tables = open();
  ASSERT_TRUE(tables);
  const auto first = *tables->shares->create(share_for("Le Monde"));
  const auto second = *tables->shares->create(share_for("Magnum"));
  ASSERT_TRUE(tables->shares->record_views({
      {first, "2026-11-30T12:00:01Z", "page", "192.0.2.1"},
      {second, "2026-11-30T12:00:02Z", "password wrong", "192.0.2.9"},
      {first, "2026-11-30T12:00:03Z", "photo nikon-d90", "192.0.2.1"},
      {999, "2026-11-30T12:00:04Z", "page", "192.0.2.1"},  // no such share
  }));
  const auto log = tables->shares->views(first);
  ASSERT_TRUE(log);
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].what, "page");
  EXPECT_EQ((*log)[1].what, "photo nikon-d90");
  EXPECT_EQ((*log)[1].client, "192.0.2.1");
  EXPECT_EQ(*tables->shares->view_count(first), 2);
  EXPECT_EQ(*tables->shares->view_count(second), 1);
  EXPECT_TRUE(tables->shares->views(999)->empty());
}

// tests/fixtures/catalogue-v2.db was written by Vernissage 0.1.0 at commit bd712bf (schema
// version 2, before shares and marks): `vernissage index` of the 16 orientation test photos under
// /tmp/v2cat. Opening it adds the share and mark tables and keeps every photo, its id and its text
// index.
TEST(SqliteShareTable, MigratesARealVersion2Catalogue) {
  test::TempDir dir;
  std::filesystem::copy_file(
      std::filesystem::path(VERN_SOURCE_DIR) / "tests/fixtures/catalogue-v2.db", dir / "c.db");
  auto tables = open_sqlite_tables(dir / "c.db", OpenMode::kExisting);
  ASSERT_TRUE(tables) << tables.error().describe();
  const auto landscapes = tables->photos->search(*parse_search_query("landscape"));
  ASSERT_TRUE(landscapes) << landscapes.error().describe();
  EXPECT_EQ(landscapes->size(), 8u);
  const auto first = tables->photos->find("/tmp/v2cat/landscape_1.jpg");
  ASSERT_TRUE(first && *first);
  EXPECT_EQ((*first)->id, 1);

  auto share = share_for("Le Monde");
  share.photo_ids.clear();
  for (const auto& photo : *landscapes) share.photo_ids.push_back(photo.id);
  const auto id = tables->shares->create(share);
  ASSERT_TRUE(id) << id.error().describe();
  EXPECT_EQ((*tables->shares->find(*id))->photo_ids.size(), 8u);
  ASSERT_TRUE(tables->shares->record_views({{*id, "2026-11-30T12:00:00Z", "page", "192.0.2.1"}}));
  EXPECT_EQ(*tables->shares->view_count(*id), 1);

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir / "c.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* version = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &version, nullptr);
  ASSERT_EQ(sqlite3_step(version), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(version, 0), kSchemaVersion);
  sqlite3_finalize(version);
  sqlite3_close(db);
}

TEST_P(ShareTableTest, KeepsOneMarkPerPhotoAndShareTheLastWriteWinning) {
  auto tables = open();
  ASSERT_TRUE(tables);
  const auto first = *tables->shares->create(share_for("Le Monde"));  // photos 3, 1, 2
  const auto second = *tables->shares->create(share_for("Magnum"));
  ASSERT_TRUE(tables->shares->set_mark({first, 2, "pick", std::nullopt, std::nullopt, "t1"}));
  ASSERT_TRUE(tables->shares->set_mark({first, 3, "reject", 2, "Soft focus", "t2"}));
  ASSERT_TRUE(tables->shares->set_mark({first, 2, "pick", 5, "Cover?", "t3"}));  // replaced
  ASSERT_TRUE(tables->shares->set_mark({second, 2, "reject", std::nullopt, std::nullopt, "t4"}));
  const auto marks = tables->shares->marks(first);
  ASSERT_TRUE(marks) << marks.error().describe();
  ASSERT_EQ(marks->size(), 2u);
  EXPECT_EQ((*marks)[0].photo_id, 3);  // in the share's order
  EXPECT_EQ((*marks)[0].state, "reject");
  EXPECT_EQ((*marks)[0].comment, "Soft focus");
  EXPECT_EQ((*marks)[1].photo_id, 2);
  EXPECT_EQ((*marks)[1].rating, 5);
  EXPECT_EQ((*marks)[1].updated, "t3");
  EXPECT_EQ((*tables->shares->marks(second))[0].state, "reject");  // another link's own mark
  // Cleared, a mark is gone.
  ASSERT_TRUE(tables->shares->set_mark({first, 3, std::nullopt, std::nullopt, std::nullopt, "t5"}));
  EXPECT_EQ(tables->shares->marks(first)->size(), 1u);
  // A rating outside 1..5 is refused by the table itself.
  EXPECT_FALSE(tables->shares->set_mark({first, 1, std::nullopt, 9, std::nullopt, "t6"}));
  ASSERT_TRUE(tables->shares->set_sent(first, "2026-11-30T15:00:00Z"));
  EXPECT_EQ((*tables->shares->find(first))->sent, "2026-11-30T15:00:00Z");
  EXPECT_FALSE((*tables->shares->find(second))->sent);
}

INSTANTIATE_TEST_SUITE_P(Backends, ShareTableTest,
                         ::testing::Values(test::Backend::kSqlite, test::Backend::kPostgres),
                         [](const auto& info) { return test::backend_name(info.param); });

}  // namespace
}  // namespace vern::catalogue
