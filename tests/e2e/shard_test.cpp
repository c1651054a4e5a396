// End-to-end: a build spread over processes (`--shard I/N`, then `--assemble`) makes the site a
// single build makes, byte for byte, survives a shard killed and run again, and refuses to
// assemble while a shard's images are missing.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "e2e/site_checks.h"
#include "support/test_support.h"

extern char** environ;

namespace vern {
namespace {

namespace fs = std::filesystem;

class Shards : public ::testing::Test {
 protected:
  void SetUp() override {
    // Three albums of the demo photos: enough photos that every one of four shards has some.
    for (const char* album : {"machines", "nature", "streets"}) {
      test::copy_into(test::examples_dir() / album, photos() / album);
    }
  }
  fs::path photos() const { return dir_.path() / "photos"; }
  std::vector<std::string> build_args(const fs::path& site, const std::string& catalogue) const {
    return {"build",   photos().string(), "-o",        site.string(), "--sizes",
            "320,640", "--formats",       "webp,jpeg", "--catalogue", catalogue};
  }
  test::CommandResult build(const fs::path& site, const std::string& catalogue,
                            std::vector<std::string> extra = {}) const {
    auto args = build_args(site, catalogue);
    args.insert(args.end(), extra.begin(), extra.end());
    return test::run_vernissage(args);
  }
  std::map<std::string, std::string> single_build() const {
    const auto single = dir_.path() / "single";
    EXPECT_EQ(build(single, (dir_.path() / "single.db").string()).exit_code, 0);
    return test::tree_contents(single);
  }
  test::TempDir dir_;
};

TEST_F(Shards, FourShardsThenTheAssemblyMakeTheSiteOneBuildMakes) {
  const auto site = dir_.path() / "site";
  const auto catalogue = (dir_.path() / "shared.db").string();
  int published = 0;
  for (int i = 0; i < 4; ++i) {
    const auto shard = build(site, catalogue, {"--shard", std::to_string(i) + "/4"});
    ASSERT_EQ(shard.exit_code, 0) << shard.err;
    EXPECT_FALSE(fs::exists(site / "index.html")) << "a shard writes no page";
    const auto at = shard.err.find("Photos: ");
    ASSERT_NE(at, std::string::npos) << shard.err;
    const int mine = std::stoi(shard.err.substr(at + 8));
    EXPECT_GT(mine, 0) << "shard " << i << " of a balanced split has photos";
    EXPECT_NE(shard.err.find("shard " + std::to_string(i) + "/4, " + std::to_string(23 - mine) +
                             " left to the other shards"),
              std::string::npos)
        << shard.err;
    published += mine;
  }
  EXPECT_EQ(published, 23);  // each photo in exactly one shard
  const auto assembled = build(site, catalogue, {"--assemble"});
  ASSERT_EQ(assembled.exit_code, 0) << assembled.err;
  EXPECT_EQ(test::tree_contents(site), single_build());
}

TEST_F(Shards, TheAssemblyRefusesWhileAShardsImagesAreMissingAndNamesThePhotos) {
  const auto site = dir_.path() / "site";
  const auto catalogue = (dir_.path() / "shared.db").string();
  for (int i = 0; i < 3; ++i) {  // shard 3 of 4 never ran
    ASSERT_EQ(build(site, catalogue, {"--shard", std::to_string(i) + "/4"}).exit_code, 0);
  }
  const auto assembled = build(site, catalogue, {"--assemble"});
  EXPECT_EQ(assembled.exit_code, 2);
  EXPECT_NE(assembled.err.find("photo(s) have no images yet"), std::string::npos) << assembled.err;
  EXPECT_NE(assembled.err.find(photos().string()), std::string::npos) << assembled.err;
  EXPECT_FALSE(fs::exists(site / "index.html"));
  // The missing shard, then the assembly: the whole site.
  ASSERT_EQ(build(site, catalogue, {"--shard", "3/4"}).exit_code, 0);
  ASSERT_EQ(build(site, catalogue, {"--assemble"}).exit_code, 0);
  EXPECT_TRUE(fs::exists(site / "index.html"));
}

TEST_F(Shards, AShardKilledMidwayAndRunAgainLeavesACorrectSite) {
  const auto site = dir_.path() / "site";
  const auto catalogue = (dir_.path() / "shared.db").string();
  // Shard 0 of 2 is killed (as a node failure would) a moment after it starts writing images.
  auto args = build_args(site, catalogue);
  args.insert(args.end(), {"--shard", "0/2", "-j", "1"});
  std::vector<std::string> owned = {test::binary().string()};
  owned.insert(owned.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : owned) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ), 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline &&
         !(fs::exists(site / "media") && !fs::is_empty(site / "media"))) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the shard finished before it could be killed";
  // Slurm's --requeue runs it again; then the other shard, then the assembly.
  ASSERT_EQ(build(site, catalogue, {"--shard", "0/2"}).exit_code, 0);
  ASSERT_EQ(build(site, catalogue, {"--shard", "1/2"}).exit_code, 0);
  ASSERT_EQ(build(site, catalogue, {"--assemble"}).exit_code, 0);
  // No temporary file left behind, and the site a single build makes.
  for (const auto& entry : fs::recursive_directory_iterator(site)) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
  }
  EXPECT_EQ(test::tree_contents(site), single_build());
}

TEST_F(Shards, ShardTakesIOverN) {
  for (const char* bad : {"4/4", "-1/4", "1", "a/b", "0/0"}) {
    const auto r = build(dir_.path() / "site", (dir_.path() / "c.db").string(), {"--shard", bad});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find("--shard"), std::string::npos) << r.err;
  }
  const auto both = build(dir_.path() / "site", (dir_.path() / "c.db").string(),
                          {"--shard", "0/2", "--assemble"});
  EXPECT_EQ(both.exit_code, 2);
}

}  // namespace
}  // namespace vern
