#pragma once

#include <string>
#include <vector>

#include "catalogue/photo_record.h"

namespace vern::archive {

// Perceptual-hash distance at or below which two photos count as copies of one picture. Measured
// (docs/duplicates.md): resized, recompressed, metadata-stripped and 3 %-cropped copies lie 0–8
// bits from their original (up to 12 when only one of the two carries an EXIF thumbnail); the
// 120 distinct photos of the demo and edge-case sets lie 16 or more bits from each other.
inline constexpr int kDefaultSimilarityThreshold = 12;
inline constexpr int kMaxSimilarityThreshold = 23;

struct DuplicateMember {
  const catalogue::PhotoRecord* photo = nullptr;
  bool same_content_as_best = false;  // byte-identical file
  int distance = 0;                   // perceptual-hash bits from the best copy
  int metadata_fields = 0;            // how much the file says about itself
};

struct DuplicateGroup {
  bool exact = false;                    // every member has the same content
  std::vector<DuplicateMember> members;  // the best copy first, then by distance and path
  std::string why;  // why the first is the best: "largest (4288×2848)", "most metadata (14 fields)"
};

// Groups photos that are copies of each other: identical content, or perceptual hashes at most
// `threshold` bits apart (linked transitively). Missing photos are left out. Groups come ordered
// by their best copy's path; finding candidates costs far less than comparing every pair
// (multi-index hashing on four 16-bit parts of the hash; the result is the same as comparing
// every pair). Thresholds above kMaxSimilarityThreshold are not useful and cost much more.
[[nodiscard]] std::vector<DuplicateGroup> find_duplicates(
    const std::vector<catalogue::PhotoRecord>& photos, int threshold = kDefaultSimilarityThreshold);
// The groups point into `photos`, which must outlive them: a temporary would not.
std::vector<DuplicateGroup> find_duplicates(std::vector<catalogue::PhotoRecord>&& photos,
                                            int threshold = kDefaultSimilarityThreshold) = delete;

// "4288×2848": the photo's size as displayed.
[[nodiscard]] std::string dimensions(const catalogue::PhotoRecord& photo);

// The number of facts a record carries (camera, date, caption, keywords, ...): the tie-breaker
// that keeps the original over a copy stripped of its metadata.
[[nodiscard]] int metadata_field_count(const catalogue::PhotoRecord& photo);

}  // namespace vern::archive
