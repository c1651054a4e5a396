#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>

#include "archive/indexer.h"
#include "catalogue/catalogue.h"
#include "cli/archive_commands.h"
#include "cli/exit_codes.h"
#include "cli/progress.h"

namespace vern::cli {

int run_index(const IndexCommand& command, const imaging::Libvips& libvips, Logger& logger) {
  const auto started = std::chrono::steady_clock::now();
  auto store = catalogue::open_sqlite_catalogue(command.catalogue);
  if (!store) {
    logger.error(store.error().describe());
    return kExitFatal;
  }
  archive::IndexOptions options;
  for (const auto& root : command.roots) options.roots.emplace_back(root);
  options.prune = command.prune;
  options.jobs = command.jobs;
  options.max_pixels = command.max_pixels;
  std::optional<Progress> progress;
  options.on_start = [&](int total) {
    logger.info("Indexing " + std::to_string(total) + " photos into " + command.catalogue.string());
    progress.emplace(logger, total, ::isatty(STDERR_FILENO) != 0);
  };
  options.on_photo = [&] { progress->advance(); };

  auto report = archive::index_photos(options, libvips, **store);
  if (progress) progress->finish();
  if (!report) {
    logger.error(report.error().describe());
    return kExitFatal;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char rate[64];
  std::snprintf(rate, sizeof rate, "in %.1f s (%.0f photos/s)", seconds,
                seconds > 0 ? report->found / seconds : 0.0);
  const auto n = [](int v) { return std::to_string(v); };
  logger.info("Photos: " + n(report->found) + " found (" + n(report->fresh) + " new, " +
              n(report->changed) + " changed, " + n(report->unchanged) + " unchanged, " +
              n(report->moved) + " moved), " + n(report->found_again) + " found again, " +
              n(report->missing) + " newly missing, " + n(report->forgotten) + " forgotten, " +
              n(report->failed) + " failed; " + rate);
  for (const auto& warning : report->warnings) logger.warn(warning.describe());
  if (!report->problems.empty()) {
    logger.warn(std::to_string(report->problems.size()) + " input(s) skipped:");
    for (const auto& problem : report->problems) logger.warn("  " + problem.describe());
  }
  std::cout << command.catalogue.string() << "\n";
  return report->problems.empty() ? kExitOk : kExitSomeSkipped;
}

}  // namespace vern::cli
