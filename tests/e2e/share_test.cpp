// End-to-end: `vernissage share` on a catalogue of the demo photos.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "catalogue/catalogue_tables.h"
#include "catalogue/share_table.h"
#include "sharing/share_secrets.h"
#include "support/test_support.h"

namespace vern {
namespace {

namespace fs = std::filesystem;

class ShareTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test::copy_into(test::examples_dir() / "streets", photos() / "streets");
    test::copy_into(test::examples_dir() / "nature/Nikon D40.jpg",
                    photos() / "streets/night/Nikon D40.jpg");
    const auto index = share({"index", photos().string()});
    ASSERT_EQ(index.exit_code, 0) << index.err;
  }
  fs::path photos() const { return dir_ / "photos"; }
  fs::path catalogue() const { return dir_ / "catalogue.db"; }
  test::CommandResult share(std::vector<std::string> args, const std::string& input = {}) const {
    args.push_back("--catalogue");
    args.push_back(catalogue().string());
    return test::run_vernissage(args, {}, input);
  }
  test::TempDir dir_;
};

TEST_F(ShareTest, CreatePrintsTheLinkAndItsJsonHasExactlyTheContractKeys) {
  const auto plain = share({"share", "create", "--album", (photos() / "streets").string(), "--to",
                            "Le Monde picture desk"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_TRUE(std::regex_match(plain.out, std::regex("/s/[A-Za-z0-9_-]{22}/\n"))) << plain.out;

  const auto made = share({"share", "create", "--album", (photos() / "streets").string(), "--to",
                           "Magnum", "--expires", "14d", "--downloads", "web", "--json"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const auto json = nlohmann::ordered_json::parse(made.out);
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "url_path", "to", "photos", "expires",
                                            "downloads", "password", "created"}));
  EXPECT_EQ(json["id"], 2);
  EXPECT_EQ(json["to"], "Magnum");
  EXPECT_EQ(json["photos"], 8);  // the folder's own photos, not night/
  EXPECT_EQ(json["downloads"], "web");
  EXPECT_EQ(json["password"], false);
  EXPECT_TRUE(std::regex_match(json["expires"].get<std::string>(),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
  const auto recursive = share({"share", "create", "--album", (photos() / "streets").string(),
                                "--recursive", "--to", "x", "--json"});
  EXPECT_EQ(nlohmann::json::parse(recursive.out)["photos"], 9);
  const auto selected =
      share({"share", "create", "--select", "camera:nikon", "--to", "y", "--json"});
  ASSERT_EQ(selected.exit_code, 0) << selected.err;
  EXPECT_EQ(nlohmann::json::parse(selected.out)["photos"], 2);  // the D90 and the D40
}

// A copied catalogue opens no link and tells no password: only their hashes are kept.
TEST_F(ShareTest, TheCatalogueKeepsNeitherTheTokenNorThePassword) {
  const auto made = share({"share", "create", "--album", (photos() / "streets").string(), "--to",
                           "Le Monde", "--password-stdin", "--json"},
                          "correct horse battery staple\n");
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const auto json = nlohmann::json::parse(made.out);
  EXPECT_EQ(json["password"], true);
  const std::string url = json["url_path"];
  const std::string token = url.substr(3, url.size() - 4);
  for (const auto& entry : fs::directory_iterator(dir_.path())) {
    if (!entry.is_regular_file()) continue;
    const std::string bytes = test::read_text(entry.path());
    EXPECT_EQ(bytes.find(token), std::string::npos) << entry.path();
    EXPECT_EQ(bytes.find("correct horse"), std::string::npos) << entry.path();
  }
  auto tables = catalogue::open_sqlite_tables(catalogue());
  ASSERT_TRUE(tables);
  const auto stored = tables->shares->find_by_token_hash(sharing::token_hash(token));
  ASSERT_TRUE(stored && *stored);
  EXPECT_TRUE(sharing::password_matches(*(*stored)->password_hash, "correct horse battery staple"));
  EXPECT_FALSE(sharing::password_matches(*(*stored)->password_hash, "correct horse"));
  // Without a password on standard input, nothing is made.
  const auto empty = share({"share", "create", "--album", (photos() / "streets").string(), "--to",
                            "x", "--password-stdin"});
  EXPECT_EQ(empty.exit_code, 2);
}

TEST_F(ShareTest, ListRevokeExtendAndRotate) {
  const auto made = share({"share", "create", "--album", (photos() / "streets").string(), "--to",
                           "Le Monde", "--json"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string old_url = nlohmann::json::parse(made.out)["url_path"];
  ASSERT_EQ(share({"share", "create", "--select", "camera:nikon", "--to", "Magnum"}).exit_code, 0);

  ASSERT_EQ(share({"share", "revoke", "2"}).exit_code, 0);
  ASSERT_EQ(share({"share", "extend", "1", "--expires", "2099-12-31"}).exit_code, 0);
  const auto rotated = share({"share", "rotate", "1"});
  ASSERT_EQ(rotated.exit_code, 0) << rotated.err;
  EXPECT_NE(rotated.out, old_url + "\n");
  EXPECT_TRUE(std::regex_match(rotated.out, std::regex("/s/[A-Za-z0-9_-]{22}/\n")));

  const auto list = share({"share", "list", "--json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  const auto shares = nlohmann::json::parse(list.out);
  ASSERT_EQ(shares.size(), 2u);
  EXPECT_EQ(shares[0]["state"], "active");
  EXPECT_EQ(shares[0]["expires"], "2099-12-31T23:59:59Z");
  EXPECT_EQ(shares[0]["views"], 0);
  EXPECT_EQ(shares[1]["state"], "revoked");
  EXPECT_EQ(shares[1]["selection"], "select:camera:nikon");

  // The old token of a rotated link opens nothing.
  auto tables = catalogue::open_sqlite_tables(catalogue());
  ASSERT_TRUE(tables);
  const std::string old_token = old_url.substr(3, old_url.size() - 4);
  EXPECT_FALSE(*tables->shares->find_by_token_hash(sharing::token_hash(old_token)));

  EXPECT_EQ(share({"share", "revoke", "9"}).exit_code, 2);
  EXPECT_EQ(share({"share", "extend", "1", "--expires", "yesterday"}).exit_code, 2);
  EXPECT_EQ(share({"share", "create", "--to", "x"}).exit_code, 2);
  EXPECT_EQ(share({"share", "create", "--album", photos().string(), "--select", "x", "--to", "x"})
                .exit_code,
            2);
  EXPECT_EQ(
      share({"share", "create", "--album", (dir_ / "nowhere").string(), "--to", "x"}).exit_code, 2);
}

}  // namespace
}  // namespace vern
