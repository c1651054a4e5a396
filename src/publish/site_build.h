#pragma once

#include <functional>
#include <vector>

#include "core/context.h"
#include "core/result.h"
#include "imaging/libvips.h"
#include "publish/build_options.h"

namespace vern::publish {

// What a build did, for its closing summary and exit code.
struct BuildReport {
  int fresh = 0, changed = 0, unchanged = 0, removed = 0, failed = 0;
  int read = 0, decoded = 0, images_written = 0;
  int pages_written = 0, pages_unchanged = 0, stale_found = 0, stale_removed = 0;
  int other_shards = 0;  // with a shard: photos left to the other shards
  double seconds = 0;
  // Inputs left out of the site (a photo that would not decode, an album.toml with a typo), each
  // named with its reason; the rest was published.
  std::vector<Error> skipped;
};

// Progress of the photos' phase, for a display; any may be empty. `advance` is called from the
// worker threads, once per photo, between `start` and `finish`.
struct BuildProgress {
  std::function<void(int total)> start;
  std::function<void()> advance;
  std::function<void()> finish;
};

// `vernissage build` as a library call: scans options.photos, publishes every photo (in
// parallel, each read and decoded at most once, nothing for a photo the catalogue knows
// unchanged), renders the pages, writes only what changed, removes outputs that are gone, and
// records the build's state in the site folder. Warnings and --verbose events go to the
// context's logger; phases and the whole build are timed with its clock.
// Fails, having written nothing of the site, when the output folder, theme, selection query or
// catalogue cannot be used; a photo or album that fails alone is skipped and named in the report.
[[nodiscard]] Result<BuildReport> build_site(const BuildOptions& options,
                                             const imaging::Libvips& libvips,
                                             const Context& context,
                                             const BuildProgress& progress = {});

}  // namespace vern::publish
