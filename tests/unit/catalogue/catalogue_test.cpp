#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "catalogue/catalogue_tables.h"
#include "support/catalogue_backends.h"
#include "support/test_support.h"

namespace vern::catalogue {
namespace {

PhotoRecord record(const std::string& path) {
  PhotoRecord r;
  r.path = path;
  r.size_bytes = 1234;
  r.mtime_ns = 42;
  r.content_hash = "abc";
  r.format = "jpeg";
  r.metadata.width = 600;
  r.metadata.height = 400;
  r.metadata.caption = "Вечер";
  r.metadata.keywords = {"Moscow", "street"};
  r.metadata.gps = GpsPosition{55.75, 37.62, std::nullopt};
  r.metadata.aperture = 5.9;
  r.thumbhash = "3wcKPZpw";
  return r;
}

// Every test here runs on both backends: the same behaviour is the contract.
class CatalogueTest : public ::testing::TestWithParam<test::Backend> {
 protected:
  Result<std::unique_ptr<Catalogue>> open() { return open_catalogue(location_); }
  test::Backend backend() const { return GetParam(); }
  test::TempDir dir_;
  std::string location_ = test::fresh_catalogue(GetParam(), dir_);
};

TEST_P(CatalogueTest, RemembersEveryFieldOfARecord) {
  auto catalogue = open();
  ASSERT_TRUE(catalogue) << catalogue.error().describe();
  ASSERT_TRUE((*catalogue)->put(record("/p/a.jpg")));
  auto found = (*catalogue)->find("/p/a.jpg");
  ASSERT_TRUE(found);
  ASSERT_TRUE(found->has_value());
  const PhotoRecord& r = **found;
  EXPECT_EQ(r.content_hash, "abc");
  EXPECT_EQ(r.metadata.caption, "Вечер");
  EXPECT_EQ(r.metadata.keywords, (std::vector<std::string>{"Moscow", "street"}));
  EXPECT_DOUBLE_EQ(r.metadata.gps->latitude, 55.75);
  EXPECT_FALSE(r.metadata.gps->altitude_m);
  EXPECT_DOUBLE_EQ(*r.metadata.aperture, 5.9);
  EXPECT_FALSE(r.metadata.title);
  EXPECT_EQ(r.thumbhash, "3wcKPZpw");
  // A different size or mtime means the file changed: the record no longer vouches for it.
  EXPECT_TRUE(describes_unchanged_file(r, 1234, 42));
  EXPECT_FALSE(describes_unchanged_file(r, 1235, 42));
  EXPECT_FALSE(describes_unchanged_file(r, 1234, 43));
  EXPECT_FALSE((*catalogue)->find("/p/b.jpg")->has_value());
}

TEST_P(CatalogueTest, PutReplacesTheRecordOfAPath) {
  auto catalogue = open();
  ASSERT_TRUE(catalogue);
  auto r = record("/p/a.jpg");
  ASSERT_TRUE((*catalogue)->put(r));
  r.mtime_ns = 99;
  r.content_hash = "def";
  ASSERT_TRUE((*catalogue)->put(r));
  EXPECT_EQ((**(*catalogue)->find("/p/a.jpg")).content_hash, "def");
}

TEST_P(CatalogueTest, FindsTheSamePhotoUnderAnotherPathByContent) {
  auto catalogue = open();
  ASSERT_TRUE(catalogue);
  ASSERT_TRUE((*catalogue)->put(record("/old/place.jpg")));
  const auto twin = (*catalogue)->find_by_content("abc");
  ASSERT_TRUE(twin);
  ASSERT_TRUE(twin->has_value());
  EXPECT_EQ((*twin)->path, "/old/place.jpg");
  EXPECT_FALSE((*catalogue)->find_by_content("other")->has_value());
}

TEST_P(CatalogueTest, SurvivesReopeningAndIsSharedBetweenConnections) {
  {
    auto first = open();
    ASSERT_TRUE(first);
    auto second = open();
    ASSERT_TRUE(second);
    ASSERT_TRUE((*first)->put(record("/p/a.jpg")));
    EXPECT_TRUE((*second)->find("/p/a.jpg")->has_value());
  }
  auto again = open();
  ASSERT_TRUE(again);
  EXPECT_TRUE((*again)->find("/p/a.jpg")->has_value());
}

TEST_P(CatalogueTest, RefusesACatalogueFromANewerVersion) {
  ASSERT_TRUE(open());
  test::RawConnection db(location_);
  ASSERT_TRUE(db.execute(backend() == test::Backend::kSqlite
                             ? "PRAGMA user_version = 99"
                             : "UPDATE vernissage_schema SET version = 99"))
      << db.error();
  const auto reopened = open();
  ASSERT_FALSE(reopened);
  EXPECT_NE(reopened.error().message.find("newer"), std::string::npos);
  EXPECT_EQ(reopened.error().path, location_);
}

TEST(SqliteCatalogue, ReportsAFileThatIsNotACatalogue) {
  test::TempDir dir;
  test::write_text(dir / "c.db", std::string(4096, 'x'));
  const auto opened = open_sqlite_catalogue(dir / "c.db");
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.error().message.find("corrupt"), std::string::npos);
  EXPECT_EQ(test::read_text(dir / "c.db"), std::string(4096, 'x'));
}

TEST(SqliteCatalogue, DefaultLocationFollowsTheEnvironment) {
  ::setenv("VERNISSAGE_CATALOGUE", "/tmp/explicit.db", 1);
  EXPECT_EQ(default_catalogue_path(), "/tmp/explicit.db");
  ::unsetenv("VERNISSAGE_CATALOGUE");
  ::setenv("XDG_DATA_HOME", "/data", 1);
  EXPECT_EQ(default_catalogue_path(), "/data/vernissage/catalogue.db");
  ::unsetenv("XDG_DATA_HOME");
  ::setenv("HOME", "/home/anna", 1);
  EXPECT_EQ(default_catalogue_path(), "/home/anna/.local/share/vernissage/catalogue.db");
}

TEST_P(CatalogueTest, KeepsAPerceptualHashWithItsHighBitSet) {
  auto catalogue = open();
  ASSERT_TRUE(catalogue);
  auto r = record("/p/a.jpg");
  r.perceptual_hash = 0xF0E1D2C3B4A59687ULL;
  ASSERT_TRUE((*catalogue)->put(r));
  const auto found = **(*catalogue)->find("/p/a.jpg");
  EXPECT_EQ(found.perceptual_hash, 0xF0E1D2C3B4A59687ULL);
  EXPECT_GT(found.id, 0);
}

TEST_P(CatalogueTest, AMovedPhotoKeepsItsIdentity) {
  auto catalogue = open();
  ASSERT_TRUE(catalogue);
  ASSERT_TRUE((*catalogue)->put(record("/card/a.jpg")));
  ASSERT_TRUE((*catalogue)->put(record("/card/b.jpg")));
  const auto id = (**(*catalogue)->find("/card/a.jpg")).id;

  ChangeSet changes;
  changes.moved.push_back({"/card/a.jpg", record("/archive/2019/a.jpg")});
  changes.missing.push_back("/card/b.jpg");
  ASSERT_TRUE((*catalogue)->apply(changes));
  EXPECT_FALSE((*catalogue)->find("/card/a.jpg")->has_value());
  const auto moved = (*catalogue)->find("/archive/2019/a.jpg");
  ASSERT_TRUE(moved->has_value());
  EXPECT_EQ((*moved)->id, id);
  EXPECT_TRUE((**(*catalogue)->find("/card/b.jpg")).missing);

  ChangeSet prune;
  prune.forgotten.push_back("/card/b.jpg");
  ASSERT_TRUE((*catalogue)->apply(prune));
  EXPECT_FALSE((*catalogue)->find("/card/b.jpg")->has_value());
  EXPECT_EQ((*catalogue)->all()->size(), 1u);
}

TEST_P(CatalogueTest, AFailedChangeSetChangesNothing) {
  auto catalogue = open();
  ASSERT_TRUE(catalogue);
  ASSERT_TRUE((*catalogue)->put(record("/p/a.jpg")));
  // Break the store behind the catalogue's back: writing /p/b.jpg fails.
  test::RawConnection db(location_);
  ASSERT_TRUE(db.execute(backend() == test::Backend::kSqlite
                             ? "CREATE TRIGGER refuse_b BEFORE INSERT ON photos "
                               "WHEN new.path = '/p/b.jpg' BEGIN SELECT RAISE(ABORT, 'no'); END"
                             : "ALTER TABLE photos ADD CHECK (path <> '/p/b.jpg')"))
      << db.error();
  // Enough photos before and after the failing one that PostgreSQL sends them in several
  // batches.
  ChangeSet changes;
  changes.missing.push_back("/p/a.jpg");
  for (int i = 0; i < 600; ++i) {
    changes.put.push_back(record("/p/" + std::string(i < 300 ? "a" : "c") + std::to_string(i)));
  }
  changes.put.push_back(record("/p/b.jpg"));
  EXPECT_FALSE((*catalogue)->apply(changes));
  EXPECT_FALSE((**(*catalogue)->find("/p/a.jpg")).missing);
  EXPECT_EQ((*catalogue)->all()->size(), 1u);
  // The writer is still usable.
  changes.put.pop_back();
  ASSERT_TRUE((*catalogue)->apply(changes));
  EXPECT_EQ((*catalogue)->all()->size(), 601u);
  EXPECT_TRUE((**(*catalogue)->find("/p/a.jpg")).missing);
}

TEST_P(CatalogueTest, ReadersAreNotBlockedByAWriter) {
  auto catalogue = open();
  ASSERT_TRUE(catalogue);
  ASSERT_TRUE((*catalogue)->put(record("/p/a.jpg")));
  // Another process holds the write lock with uncommitted changes, as an index run does.
  test::RawConnection writer(location_);
  ASSERT_TRUE(writer.execute(test::take_write_lock_sql(backend()) + "; DELETE FROM photos;"))
      << writer.error();
  auto reader = open();
  ASSERT_TRUE(reader) << reader.error().describe();
  const auto seen = (*reader)->search(*parse_search_query(""));
  ASSERT_TRUE(seen) << seen.error().describe();
  EXPECT_EQ(seen->size(), 1u);  // the last committed state
  writer.execute("ROLLBACK");
}

TEST_P(CatalogueTest, FindsARecordByItsId) {
  auto catalogue = open();
  ASSERT_TRUE(catalogue);
  ASSERT_TRUE((*catalogue)->put(record("/p/a.jpg")));
  ASSERT_TRUE((*catalogue)->put(record("/p/b.jpg")));
  const auto b = (*catalogue)->find("/p/b.jpg");
  ASSERT_TRUE(b && *b);
  const auto by_id = (*catalogue)->find_by_id((*b)->id);
  ASSERT_TRUE(by_id && *by_id);
  EXPECT_EQ((*by_id)->path, "/p/b.jpg");
  EXPECT_EQ((*by_id)->metadata.caption, "Вечер");
  const auto none = (*catalogue)->find_by_id(999);
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
}

// Reads do not queue behind this process's own writer: while a put() waits for the write lock
// that another process holds, a find() on another thread is answered.
TEST_P(CatalogueTest, ReadsAreNotQueuedBehindAWaitingWrite) {
  auto catalogue = open();
  ASSERT_TRUE(catalogue);
  ASSERT_TRUE((*catalogue)->put(record("/p/a.jpg")));
  test::RawConnection other_process(location_);
  ASSERT_TRUE(other_process.execute(test::take_write_lock_sql(backend()))) << other_process.error();
  std::atomic<bool> written = false;
  std::thread writer([&] {
    EXPECT_TRUE((*catalogue)->put(record("/p/b.jpg")));
    written = true;
  });
  // Let the writer reach its wait for the lock.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto found = (*catalogue)->find("/p/a.jpg");
  const bool answered_while_writing = !written;
  other_process.execute("ROLLBACK");
  writer.join();
  ASSERT_TRUE(found && *found);
  EXPECT_TRUE(answered_while_writing);
  EXPECT_TRUE(written);
}

// Many readers and a writer at once: every read sees whole change sets, never half of one.
TEST_P(CatalogueTest, ParallelReadersSeeWholeChangeSets) {
  auto catalogue = open();
  ASSERT_TRUE(catalogue);
  const auto query = *parse_search_query("");
  std::atomic<int> failures = 0, torn = 0;
  std::thread writer([&] {
    for (int batch = 0; batch < 20; ++batch) {
      ChangeSet changes;
      for (int i = 0; i < 10; ++i) {
        changes.put.push_back(record("/p/" + std::to_string(batch) + "-" + std::to_string(i)));
      }
      if (!(*catalogue)->apply(changes)) ++failures;
    }
  });
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        const auto seen = (*catalogue)->search(query);
        if (!seen) {
          ++failures;
        } else if (seen->size() % 10 != 0) {
          ++torn;
        }
      }
    });
  }
  writer.join();
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(torn, 0);
  EXPECT_EQ((*catalogue)->all()->size(), 200u);
}

TEST_P(CatalogueTest, AnEmptyChangeSetTakesNoWriteLock) {
  auto catalogue = open();
  ASSERT_TRUE(catalogue);
  test::RawConnection writer(location_);
  ASSERT_TRUE(writer.execute(test::take_write_lock_sql(backend()))) << writer.error();
  // With the lock taken elsewhere, a write would wait (SQLite: out the busy timeout, to fail
  // with "database is locked"; PostgreSQL: for as long as the lock is held).
  EXPECT_TRUE((*catalogue)->apply(ChangeSet{}));
  writer.execute("ROLLBACK");
}

TEST(SqliteCatalogue, MigratesAVersion1Catalogue) {
  test::TempDir dir;
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir / "c.db").c_str(), &db), SQLITE_OK);
  // The schema Vernissage 0.1 wrote, with one photo in it.
  const char* v1 = R"sql(
CREATE TABLE photos (
  id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, size_bytes INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL, content_hash TEXT NOT NULL, format TEXT NOT NULL,
  width INTEGER, height INTEGER, orientation INTEGER,
  taken_at TEXT, camera_make TEXT, camera_model TEXT, lens TEXT,
  focal_length_mm REAL, aperture REAL, exposure_time_s REAL, iso INTEGER,
  gps_lat REAL, gps_lon REAL, gps_alt_m REAL,
  title TEXT, caption TEXT, keywords TEXT NOT NULL DEFAULT '[]',
  creator TEXT, copyright TEXT, rating INTEGER,
  thumbhash TEXT NOT NULL DEFAULT '', decode_problem TEXT NOT NULL DEFAULT '',
  missing INTEGER NOT NULL DEFAULT 0);
CREATE INDEX photos_by_content ON photos(content_hash);
INSERT INTO photos (path, size_bytes, mtime_ns, content_hash, format, caption, keywords)
  VALUES ('/archive/Москва/IMG_7.jpg', 10, 20, 'h', 'jpeg', 'Ёлка у Кремля', '["winter"]');
PRAGMA user_version = 1;
)sql";
  ASSERT_EQ(sqlite3_exec(db, v1, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);

  auto catalogue = open_sqlite_catalogue(dir / "c.db");
  ASSERT_TRUE(catalogue) << catalogue.error().describe();
  const auto kept = (*catalogue)->find("/archive/Москва/IMG_7.jpg");
  ASSERT_TRUE(kept->has_value());
  EXPECT_EQ((*kept)->metadata.caption, "Ёлка у Кремля");
  for (const auto* text : {"елка", "img_7", "keyword:winter", "album:москва"}) {
    const auto found = (*catalogue)->search(*parse_search_query(text));
    ASSERT_TRUE(found) << text << ": " << found.error().describe();
    EXPECT_EQ(found->size(), 1u) << text;
  }
}

// Processes that open a new catalogue at the same moment: one creates it, the others wait for it
// and use it.
TEST_P(CatalogueTest, SeveralOpenANewCatalogueAtOnce) {
  std::vector<std::thread> openers;
  std::atomic<int> failures = 0;
  for (int i = 0; i < 6; ++i) {
    openers.emplace_back([&, i] {
      auto catalogue = open();
      if (!catalogue || !(*catalogue)->put(record("/p/" + std::to_string(i) + ".jpg"))) ++failures;
    });
  }
  for (auto& opener : openers) opener.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ((*open())->all()->size(), 6u);
}

// Writers of two processes that record the same photos in opposite orders, as two index runs
// over overlapping folders do: neither fails (no deadlock is left to the user) and each photo
// has one record.
TEST_P(CatalogueTest, WritersOfOverlappingChangeSetsBothSucceed) {
  auto first = open();
  auto second = open();
  ASSERT_TRUE(first && second);
  std::atomic<int> failures = 0;
  const auto writer = [&](Catalogue& catalogue, bool reversed) {
    for (int round = 0; round < 10; ++round) {
      ChangeSet changes;
      for (int i = 0; i < 40; ++i) {
        changes.put.push_back(record("/p/" + std::to_string(reversed ? 39 - i : i) + ".jpg"));
      }
      if (!catalogue.apply(changes)) ++failures;
    }
  };
  std::thread a([&] { writer(**first, false); });
  std::thread b([&] { writer(**second, true); });
  a.join();
  b.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ((*first)->all()->size(), 40u);
}

TEST(PostgresCatalogue, ADatabaseWithoutACatalogueIsNotOneToReadFrom) {
  test::TempDir dir;
  const auto location = test::fresh_catalogue(test::Backend::kPostgres, dir);
  const auto opened = open_catalogue(location, OpenMode::kExisting);
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.error().message.find("no catalogue here"), std::string::npos);
  EXPECT_TRUE(open_catalogue(location));
  EXPECT_TRUE(open_catalogue(location, OpenMode::kExisting));
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogueTest,
                         ::testing::Values(test::Backend::kSqlite, test::Backend::kPostgres),
                         [](const auto& info) { return test::backend_name(info.param); });

}  // namespace
}  // namespace vern::catalogue
