#include "archive/duplicate_groups.h"

#include <algorithm>
#include <array>
#include <map>
#include <numeric>
#include <unordered_map>

#include "imaging/perceptual_hash.h"

namespace vern::archive {
namespace {

class DisjointSets {
 public:
  explicit DisjointSets(std::size_t n) : parent_(n) {
    std::iota(parent_.begin(), parent_.end(), 0);
  }
  std::size_t find(std::size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void join(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<std::size_t> parent_;
};

// Every 16-bit mask with at most `radius` bits set.
std::vector<std::uint16_t> masks_within(int radius) {
  std::vector<std::uint16_t> masks;
  for (unsigned m = 0; m <= 0xFFFF; ++m) {
    if (std::popcount(m) <= radius) masks.push_back(static_cast<std::uint16_t>(m));
  }
  return masks;
}

// Links photos whose hashes are at most `threshold` apart. If two 64-bit hashes differ in at most
// t bits, one of their four 16-bit parts differs in at most t/4 bits (pigeonhole); so each photo
// only looks in the buckets of its parts' near neighbours instead of at every other photo.
void link_similar(const std::vector<std::pair<std::size_t, std::uint64_t>>& hashes, int threshold,
                  DisjointSets& sets) {
  const int radius = threshold / 4;
  const auto masks = masks_within(radius);
  for (int part = 0; part < 4; ++part) {
    const auto key = [part](std::uint64_t h) {
      return static_cast<std::uint16_t>(h >> (16 * part));
    };
    // Bucketed by this part of the hash: offsets into `order`, as in a CSR matrix.
    std::vector<std::uint32_t> offsets(0x10001, 0);
    for (const auto& [index, hash] : hashes) ++offsets[key(hash) + 1];
    std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
    std::vector<std::uint32_t> order(hashes.size());
    auto fill = offsets;
    for (std::uint32_t i = 0; i < hashes.size(); ++i) order[fill[key(hashes[i].second)]++] = i;

    for (std::uint32_t i = 0; i < hashes.size(); ++i) {
      const std::uint64_t hash = hashes[i].second;
      for (const auto mask : masks) {
        const std::uint16_t bucket = key(hash) ^ mask;
        for (auto at = offsets[bucket]; at < offsets[bucket + 1u]; ++at) {
          const std::uint32_t j = order[at];
          if (j > i && imaging::hamming_distance(hash, hashes[j].second) <= threshold) {
            sets.join(hashes[i].first, hashes[j].first);
          }
        }
      }
    }
  }
}

long long pixels(const catalogue::PhotoRecord& p) {
  return static_cast<long long>(p.metadata.width.value_or(0)) * p.metadata.height.value_or(0);
}

// Orders a group best first and says why the first won.
DuplicateGroup make_group(std::vector<const catalogue::PhotoRecord*> photos) {
  DuplicateGroup group;
  for (const auto* p : photos) group.members.push_back({p, false, 0, metadata_field_count(*p)});
  const auto better = [](const DuplicateMember& a, const DuplicateMember& b) {
    if (pixels(*a.photo) != pixels(*b.photo)) return pixels(*a.photo) > pixels(*b.photo);
    if (a.metadata_fields != b.metadata_fields) return a.metadata_fields > b.metadata_fields;
    if (a.photo->size_bytes != b.photo->size_bytes)
      return a.photo->size_bytes > b.photo->size_bytes;
    return a.photo->path < b.photo->path;
  };
  std::sort(group.members.begin(), group.members.end(), better);
  const auto& best = group.members[0];
  const auto& runner_up = group.members[1];
  if (pixels(*best.photo) > pixels(*runner_up.photo)) {
    group.why = "largest (" + dimensions(*best.photo) + ")";
  } else if (best.metadata_fields > runner_up.metadata_fields) {
    group.why = "most metadata (" + std::to_string(best.metadata_fields) + " fields)";
  } else if (best.photo->size_bytes > runner_up.photo->size_bytes) {
    group.why = "largest file (" + std::to_string(best.photo->size_bytes) + " bytes)";
  } else {
    group.why = "equal copies; first by path";
  }
  group.exact = true;
  for (auto& m : group.members) {
    m.same_content_as_best = m.photo->content_hash == best.photo->content_hash;
    group.exact = group.exact && m.same_content_as_best;
    m.distance =
        m.same_content_as_best || !m.photo->perceptual_hash || !best.photo->perceptual_hash
            ? 0
            : imaging::hamming_distance(*m.photo->perceptual_hash, *best.photo->perceptual_hash);
  }
  std::stable_sort(group.members.begin() + 1, group.members.end(),
                   [](const DuplicateMember& a, const DuplicateMember& b) {
                     if (a.distance != b.distance) return a.distance < b.distance;
                     return a.photo->path < b.photo->path;
                   });
  return group;
}

}  // namespace

std::string dimensions(const catalogue::PhotoRecord& p) {
  return std::to_string(p.metadata.width.value_or(0)) + "×" +
         std::to_string(p.metadata.height.value_or(0));
}

int metadata_field_count(const catalogue::PhotoRecord& photo) {
  const auto& m = photo.metadata;
  int count = 0;
  for (const bool present :
       {m.taken_at.has_value(), m.camera_make.has_value(), m.camera_model.has_value(),
        m.lens.has_value(), m.focal_length_mm.has_value(), m.aperture.has_value(),
        m.exposure_time_s.has_value(), m.iso.has_value(), m.gps.has_value(), m.title.has_value(),
        m.caption.has_value(), !m.keywords.empty(), m.creator.has_value(), m.copyright.has_value(),
        m.rating.has_value()}) {
    count += present;
  }
  return count;
}

std::vector<DuplicateGroup> find_duplicates(const std::vector<catalogue::PhotoRecord>& photos,
                                            int threshold) {
  DisjointSets sets(photos.size());
  std::unordered_map<std::string, std::size_t> first_with_content;
  std::vector<std::pair<std::size_t, std::uint64_t>> hashes;
  for (std::size_t i = 0; i < photos.size(); ++i) {
    if (photos[i].missing) continue;
    const auto [it, inserted] = first_with_content.emplace(photos[i].content_hash, i);
    if (!inserted) {
      sets.join(it->second, i);
    } else if (photos[i].perceptual_hash) {
      // One hash per content is enough: identical files are already one group.
      hashes.emplace_back(i, *photos[i].perceptual_hash);
    }
  }
  if (threshold >= 0) link_similar(hashes, threshold, sets);

  std::map<std::size_t, std::vector<const catalogue::PhotoRecord*>> components;
  for (std::size_t i = 0; i < photos.size(); ++i) {
    if (!photos[i].missing) components[sets.find(i)].push_back(&photos[i]);
  }
  std::vector<DuplicateGroup> groups;
  for (auto& [root, members] : components) {
    if (members.size() > 1) groups.push_back(make_group(std::move(members)));
  }
  std::sort(groups.begin(), groups.end(), [](const DuplicateGroup& a, const DuplicateGroup& b) {
    return a.members[0].photo->path < b.members[0].photo->path;
  });
  return groups;
}

}  // namespace vern::archive
