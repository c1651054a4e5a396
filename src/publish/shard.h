#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vern::publish {

// One of `count` parts of a build spread over several processes or machines (`--shard I/N`):
// each renders the images of its photos only, and `--assemble` makes the pages once all are done.
struct Shard {
  int index = 0;  // 0 .. count-1, as Slurm numbers the tasks of a job array
  int count = 1;
};

// "2/4" -> {2, 4}; nullopt unless 0 <= I < N <= 10000.
std::optional<Shard> parse_shard(std::string_view text);

// The shard a photo belongs to: its content hash, read as a number, modulo the count. Stable
// across runs (a photo keeps its shard however the tree around it changes, so a re-run shard
// finds its images made), and balanced, since content hashes are uniform.
int shard_of(const std::string& content_hash, int count);

}  // namespace vern::publish
