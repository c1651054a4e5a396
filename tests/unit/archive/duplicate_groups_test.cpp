#include "archive/duplicate_groups.h"

#include <gtest/gtest.h>

#include <map>
#include <numeric>
#include <random>
#include <set>

#include "imaging/perceptual_hash.h"

namespace vern::archive {
namespace {

catalogue::PhotoRecord photo(const std::string& path, std::uint64_t hash, int width = 3000,
                             std::string content = "") {
  catalogue::PhotoRecord r;
  r.path = path;
  r.content_hash = content.empty() ? path : content;
  r.perceptual_hash = hash;
  r.metadata.width = width;
  r.metadata.height = width * 2 / 3;
  r.size_bytes = 1000;
  return r;
}

std::vector<std::string> paths(const DuplicateGroup& group) {
  std::vector<std::string> out;
  for (const auto& m : group.members) out.push_back(m.photo->path);
  return out;
}

TEST(DuplicateGroups, GroupsHashesWithinTheThresholdAndNotBeyond) {
  const std::uint64_t base = 0x0123456789ABCDEFULL;
  const std::vector<catalogue::PhotoRecord> photos = {
      photo("/a.jpg", base), photo("/b.jpg", base ^ 0xFFFULL, 1200),  // 12 bits away: a copy
      photo("/c.jpg", base ^ 0x1FFFULL << 20, 800),                   // 13 bits away: another photo
  };
  const auto groups = find_duplicates(photos, 12);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(paths(groups[0]), (std::vector<std::string>{"/a.jpg", "/b.jpg"}));
  EXPECT_FALSE(groups[0].exact);
  EXPECT_EQ(groups[0].members[1].distance, 12);
  EXPECT_EQ(groups[0].why, "largest (3000×2000)");
  EXPECT_TRUE(find_duplicates(photos, 11).empty());
}

TEST(DuplicateGroups, IdenticalFilesAreOneExactGroupEvenWithoutHashes) {
  auto a = photo("/card/a.jpg", 1, 3000, "same");
  auto b = photo("/archive/a.jpg", 1, 3000, "same");
  a.perceptual_hash.reset();
  b.perceptual_hash.reset();
  auto gone = photo("/old/a.jpg", 1, 3000, "same");
  gone.missing = true;
  const std::vector photos = {a, b, gone};
  const auto groups = find_duplicates(photos);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_TRUE(groups[0].exact);
  EXPECT_EQ(paths(groups[0]), (std::vector<std::string>{"/archive/a.jpg", "/card/a.jpg"}));
  EXPECT_EQ(groups[0].why, "equal copies; first by path");
  EXPECT_TRUE(groups[0].members[1].same_content_as_best);
}

TEST(DuplicateGroups, TheCopyWithMoreMetadataWinsAtEqualSize) {
  auto stripped = photo("/a-stripped.jpg", 7);
  auto original = photo("/z-original.jpg", 7);
  original.metadata.camera_model = "NIKON D90";
  original.metadata.taken_at = "2011-04-25T01:55:30";
  const std::vector photos = {stripped, original};
  const auto groups = find_duplicates(photos);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].members[0].photo->path, "/z-original.jpg");
  EXPECT_EQ(groups[0].why, "most metadata (2 fields)");
}

TEST(DuplicateGroups, FindsExactlyWhatComparingEveryPairFinds) {
  // Random hashes plus planted near copies: the bucketed search must agree with brute force.
  std::mt19937_64 random(42);
  std::vector<catalogue::PhotoRecord> photos;
  for (int i = 0; i < 3000; ++i) {
    std::uint64_t hash = random();
    photos.push_back(photo("/p" + std::to_string(i), hash));
    if (i % 10 == 0) {
      std::uint64_t copy = hash;
      for (int flips = static_cast<int>(random() % 14); flips > 0; --flips)
        copy ^= 1ULL << (random() % 64);
      photos.push_back(photo("/p" + std::to_string(i) + "-copy", copy));
    }
  }
  for (const int threshold : {0, 5, 12, 17}) {
    // Brute force: link every pair within the threshold, then read off the components.
    std::vector<std::size_t> parent(photos.size());
    std::iota(parent.begin(), parent.end(), 0);
    const auto root = [&](std::size_t i) {
      while (parent[i] != i) i = parent[i];
      return i;
    };
    for (std::size_t i = 0; i < photos.size(); ++i) {
      for (std::size_t j = i + 1; j < photos.size(); ++j) {
        if (imaging::hamming_distance(*photos[i].perceptual_hash, *photos[j].perceptual_hash) <=
            threshold) {
          parent[root(j)] = root(i);
        }
      }
    }
    std::map<std::size_t, std::set<std::string>> components;
    for (std::size_t i = 0; i < photos.size(); ++i) components[root(i)].insert(photos[i].path);
    std::set<std::set<std::string>> expected;
    for (auto& [r, members] : components) {
      if (members.size() > 1) expected.insert(members);
    }
    std::set<std::set<std::string>> found;
    for (const auto& group : find_duplicates(photos, threshold)) {
      const auto p = paths(group);
      found.insert(std::set<std::string>(p.begin(), p.end()));
    }
    EXPECT_EQ(found, expected) << "threshold " << threshold;
    if (threshold >= 12) {
      EXPECT_GT(expected.size(), 100u);
    }
  }
}

}  // namespace
}  // namespace vern::archive
