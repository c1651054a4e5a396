// The catalogue on a real PostgreSQL 15 (the ctest fixture's server), through the CLI as a shop
// would use it: the same answers as SQLite on real photos, several writers at once, and moving a
// catalogue between the two.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "catalogue/catalogue_tables.h"
#include "support/catalogue_backends.h"
#include "support/server_process.h"
#include "support/test_support.h"

namespace vern {
namespace {

namespace fs = std::filesystem;
using test::run_vernissage;

std::vector<std::string> photo_folders() {
  return {(test::shared_photos() / "demo").string(),
          (test::shared_photos() / "edge-cases").string(),
          (test::shared_photos() / "raw").string()};
}

test::CommandResult index_into(const std::string& catalogue,
                               const std::vector<std::string>& folders) {
  std::vector<std::string> args = {"index"};
  args.insert(args.end(), folders.begin(), folders.end());
  args.insert(args.end(), {"--catalogue", catalogue, "-q"});
  return run_vernissage(args);
}

// Every photo of a catalogue as `search --json` shows it, by path, without the id (which each
// catalogue assigns in its own order when the photos were indexed separately).
std::map<std::string, nlohmann::json> photos_of(const std::string& catalogue, bool with_ids) {
  const auto found =
      run_vernissage({"search", "", "--catalogue", catalogue, "--json", "--sort", "path"});
  EXPECT_EQ(found.exit_code, 0) << found.err;
  std::map<std::string, nlohmann::json> photos;
  for (auto photo : nlohmann::json::parse(found.out)) {
    if (!with_ids) photo.erase("id");
    photos[photo["path"]] = photo;
  }
  return photos;
}

// The words a photographer would search for, taken from what the catalogue holds: each word of
// the text fields, its first three letters, each keyword, camera, lens and folder.
std::vector<std::string> queries_from(const std::map<std::string, nlohmann::json>& photos) {
  std::set<std::string> queries = {
      "iso:>800",
      "iso:100..400",
      "focal:24..70",
      "focal:50",
      "taken:2019",
      "taken:2000..2010",
      "rating:>=3",
      "format:raw",
      "format:jpeg",
      "format:png",
      "format:nef",
      "format:heic",
      "missing:any",
      "\"red square\"",
      "camera:canon eos",
      "lens:50mm",
      "canon taken:2004..",
      "- *",
      "ёлка",
      "елка",
  };
  const auto words_of = [](const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : text + " ") {
      if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
        word += c;
      } else if (!word.empty()) {
        words.push_back(word);
        word.clear();
      }
    }
    return words;
  };
  for (const auto& [path, photo] : photos) {
    for (const char* field : {"title", "caption", "creator"}) {
      if (!photo[field].is_string()) continue;
      for (const auto& word : words_of(photo[field])) {
        queries.insert(word);
        if (word.size() > 3 && static_cast<unsigned char>(word[0]) < 0x80) {
          queries.insert(word.substr(0, 3));
        }
      }
    }
    for (const auto& keyword : photo["keywords"]) {
      queries.insert("keyword:\"" + keyword.get<std::string>() + "\"");
    }
    if (photo["camera_make"].is_string()) {
      queries.insert("camera:\"" + photo["camera_make"].get<std::string>() + "\"");
    }
    if (photo["lens"].is_string())
      queries.insert("lens:\"" + photo["lens"].get<std::string>() + "\"");
    queries.insert("album:\"" + fs::path(path).parent_path().filename().string() + "\"");
    queries.insert(fs::path(path).stem().string());
  }
  return {queries.begin(), queries.end()};
}

TEST(PostgresCatalogue, FindsWhatSqliteFindsInTheDemoEdgeCaseAndRawPhotos) {
  test::TempDir dir;
  const std::string sqlite = test::fresh_catalogue(test::Backend::kSqlite, dir);
  const std::string postgres = test::fresh_catalogue(test::Backend::kPostgres, dir);
  const auto into_sqlite = index_into(sqlite, photo_folders());
  const auto into_postgres = index_into(postgres, photo_folders());
  EXPECT_EQ(into_sqlite.exit_code, into_postgres.exit_code) << into_postgres.err;
  EXPECT_EQ(into_sqlite.err, into_postgres.err);

  // Every field of every photo, as read back from each backend.
  const auto in_sqlite = photos_of(sqlite, false);
  const auto in_postgres = photos_of(postgres, false);
  ASSERT_GT(in_sqlite.size(), 120u);
  EXPECT_EQ(in_sqlite, in_postgres);

  const auto queries = queries_from(in_sqlite);
  ASSERT_GT(queries.size(), 150u);
  int with_hits = 0;
  for (const auto& query : queries) {
    const auto a =
        run_vernissage({"search", query, "--catalogue", sqlite, "--paths", "--sort", "path"});
    const auto b =
        run_vernissage({"search", query, "--catalogue", postgres, "--paths", "--sort", "path"});
    EXPECT_EQ(a.exit_code, b.exit_code) << query << "\n" << b.err;
    EXPECT_EQ(a.out, b.out) << query;
    with_hits += a.exit_code == 0;
  }
  // The queries find something most of the time: the comparison is not of empty lists.
  EXPECT_GT(with_hits, static_cast<int>(queries.size()) * 3 / 4);
}

// Two index runs on different folders and a build, at once, against one database: each
// finishes without error and every photo is recorded once.
TEST(PostgresCatalogue, TwoIndexRunsAndABuildWriteAtOnce) {
  test::TempDir dir;
  const std::string postgres = test::fresh_catalogue(test::Backend::kPostgres, dir);
  const auto folders = photo_folders();
  test::CommandResult demo, edge_cases, build;
  {
    std::thread a([&] { demo = index_into(postgres, {folders[0]}); });
    std::thread b([&] { edge_cases = index_into(postgres, {folders[1]}); });
    std::thread c([&] {
      build = run_vernissage({"build", folders[0], "-o", (dir / "site").string(), "--catalogue",
                              postgres, "-q", "--formats", "jpeg"});
    });
    a.join();
    b.join();
    c.join();
  }
  EXPECT_EQ(demo.exit_code, 0) << demo.err;
  EXPECT_EQ(build.exit_code, 0) << build.err;
  EXPECT_EQ(edge_cases.exit_code, 0) << edge_cases.err;
  for (const auto* run : {&demo, &edge_cases, &build}) {
    EXPECT_EQ(run->err.find("catalogue:"), std::string::npos) << run->err;
  }

  const std::string sqlite = test::fresh_catalogue(test::Backend::kSqlite, dir);
  index_into(sqlite, {folders[0], folders[1]});
  const auto expected = photos_of(sqlite, false);
  const auto recorded = photos_of(postgres, false);
  std::set<std::string> expected_paths, recorded_paths;
  for (const auto& [path, photo] : expected) expected_paths.insert(path);
  for (const auto& [path, photo] : recorded) recorded_paths.insert(path);
  EXPECT_EQ(recorded_paths, expected_paths);
  const auto listed = run_vernissage({"search", "", "--catalogue", postgres, "--paths"});
  EXPECT_EQ(std::count(listed.out.begin(), listed.out.end(), '\n'),
            static_cast<std::ptrdiff_t>(expected_paths.size()));
}

// SQLite → PostgreSQL → SQLite keeps every photo with its id, and the shares with their views
// and marks: a link made before the move still opens the same photos after it.
TEST(PostgresCatalogue, CopyMovesACatalogueBothWaysWithItsShares) {
  test::TempDir dir;
  const std::string first = (dir / "first.db").string();
  const std::string postgres = test::fresh_catalogue(test::Backend::kPostgres, dir);
  const std::string back = (dir / "back.db").string();
  ASSERT_EQ(index_into(first, photo_folders()).exit_code, 0);
  const auto made = run_vernissage({"share", "create", "--select", "camera:nikon", "--to",
                                    "Le Monde", "--catalogue", first, "--json"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  {
    auto tables = catalogue::open_tables(first);
    ASSERT_TRUE(tables);
    const auto shares = tables->shares->all();
    ASSERT_EQ(shares->size(), 1u);
    const auto& share = shares->front();
    ASSERT_TRUE(
        tables->shares->record_views({{share.id, "2026-11-30T12:00:00Z", "page", "192.0.2.7"}}));
    ASSERT_TRUE(tables->shares->set_mark(
        {share.id, share.photo_ids[0], "pick", 5, "Для обложки", "2026-11-30T12:01:00Z"}));
  }

  const auto there = run_vernissage({"catalogue", "copy", first, postgres});
  ASSERT_EQ(there.exit_code, 0) << there.err;
  EXPECT_NE(there.err.find("1 shares, 1 share views and 1 marks"), std::string::npos) << there.err;
  const auto home = run_vernissage({"catalogue", "copy", postgres, back});
  ASSERT_EQ(home.exit_code, 0) << home.err;

  const auto original = photos_of(first, true);
  EXPECT_EQ(photos_of(postgres, true), original);
  EXPECT_EQ(photos_of(back, true), original);
  for (const auto& location : {postgres, back}) {
    auto from = catalogue::open_tables(first);
    auto to = catalogue::open_tables(location);
    ASSERT_TRUE(from && to);
    const auto share = from->shares->all()->front();
    const auto moved = to->shares->find_by_token_hash(share.token_hash);
    ASSERT_TRUE(moved && *moved) << location;
    EXPECT_EQ((*moved)->photo_ids, share.photo_ids);
    EXPECT_EQ((*moved)->recipient, "Le Monde");
    EXPECT_EQ(*to->shares->view_count(share.id), 1);
    const auto marks = to->shares->marks(share.id);
    ASSERT_EQ(marks->size(), 1u);
    EXPECT_EQ(marks->front().comment, "Для обложки");
    // The next photo recorded gets a new id, not one the copy brought.
    auto extra = from->photos->all()->front();
    extra.path = "/elsewhere/new.jpg";
    ASSERT_TRUE(to->photos->put(extra));
    std::set<std::int64_t> ids;
    const auto photos = to->photos->all();
    ASSERT_TRUE(photos);
    for (const auto& photo : *photos) ids.insert(photo.id);
    EXPECT_EQ(ids.size(), original.size() + 1);
  }

  // Into a catalogue that holds anything: refused, and nothing written.
  const auto again = run_vernissage({"catalogue", "copy", first, postgres});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("not empty"), std::string::npos) << again.err;
  const auto nowhere = run_vernissage({"catalogue", "copy", (dir / "none.db").string(), back});
  EXPECT_EQ(nowhere.exit_code, 2);
  EXPECT_NE(nowhere.err.find("none.db"), std::string::npos) << nowhere.err;
}

// A link made on a PostgreSQL catalogue is served, its views logged there, and its revocation
// seen at the next request.
TEST(PostgresCatalogue, ServesAShareLinkFromIt) {
  test::TempDir dir;
  // The server keeps its key and images in the data folder for a database catalogue.
  ::setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
  const std::string postgres = test::fresh_catalogue(test::Backend::kPostgres, dir);
  const std::string streets = (test::examples_dir() / "streets").string();
  ASSERT_EQ(index_into(postgres, {streets}).exit_code, 0);
  const auto made = run_vernissage({"share", "create", "--album", streets, "--to", "Le Monde",
                                    "--catalogue", postgres, "--json"},
                                   {{"XDG_DATA_HOME", (dir / "data").string()}});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string link = nlohmann::json::parse(made.out)["url_path"];

  test::ServerProcess server(postgres);
  const auto page = test::curl(server.url(link));
  EXPECT_EQ(page.status, 200) << server.errors();
  EXPECT_NE(page.body.find("Le Monde"), std::string::npos);
  EXPECT_EQ(test::curl(server.url("/s/AAAAAAAAAAAAAAAAAAAAAA/")).status, 404);
  ASSERT_EQ(run_vernissage({"share", "revoke", "1", "--catalogue", postgres}).exit_code, 0);
  EXPECT_EQ(test::curl(server.url(link)).status, 404);
  EXPECT_EQ(server.stop(), 0);
  EXPECT_TRUE(fs::is_directory(dir / "data" / "vernissage"));
  auto tables = catalogue::open_tables(postgres);
  ASSERT_TRUE(tables);
  EXPECT_GE(*tables->shares->view_count(1), 1);
  ::unsetenv("XDG_DATA_HOME");
}

TEST(PostgresCatalogue, AnUnreachableServerIsNamedWithoutItsPassword) {
  const auto r = run_vernissage(
      {"search", "x", "--catalogue", "postgresql://anna:s3cret@127.0.0.1:1/archive"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("postgresql://anna@127.0.0.1:1/archive"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cannot connect"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("s3cret"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace vern
