#include "cli/index_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "archive/indexer.h"
#include "catalogue/catalogue.h"
#include "cli/catalogue_location.h"
#include "cli/exit_codes.h"
#include "cli/progress.h"
#include "imaging/derivative_plan.h"

namespace vern::cli {

int run_index(const IndexCommand& command, const imaging::Libvips& libvips, Logger& logger) {
  const auto started = std::chrono::steady_clock::now();
  auto store = catalogue::open_catalogue(command.catalogue.string());
  if (!store) {
    logger.error(store.error().describe());
    return kExitFatal;
  }
  archive::IndexOptions options;
  for (const auto& root : command.roots) options.roots.emplace_back(root);
  options.prune = command.prune;
  options.jobs = command.jobs;
  options.max_pixels = command.max_pixels;
  options.prefer = command.prefer;
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

Command add_index_command(CLI::App& app) {
  struct Flags {
    IndexCommand command;
    std::string catalogue;
    std::optional<long long> max_megapixels;
    std::optional<std::string> prefer;
    bool quiet = false;
  };
  auto flags = std::make_shared<Flags>();
  auto* index = app.add_subcommand(
      "index", "Record the photos under folders in the catalogue, for search and duplicates.");
  index->footer(std::string("Unchanged files are not read again; moved files keep their identity; "
                            "files no longer found are marked missing (--prune forgets them).\n") +
                kExitCodeHelp);
  index->add_option("PHOTOS", flags->command.roots, "Folders of photographs")
      ->required()
      ->check(CLI::ExistingDirectory);
  add_catalogue_flag(*index, flags->catalogue);
  index->add_flag("--prune", flags->command.prune,
                  "Forget photos no longer found under the folders (default: mark them missing)");
  add_jobs_flag(*index, flags->command.jobs, "read");
  add_max_megapixels_flag(*index, flags->max_megapixels);
  add_prefer_flag(*index, flags->prefer);
  add_quiet_flag(*index, flags->quiet);
  return {index, [flags](const char* argv0) {
            Logger logger(std::cerr, flags->quiet ? Verbosity::kQuiet : Verbosity::kNormal);
            auto location = catalogue_location(flags->catalogue);
            if (!location) {
              logger.error(location.error().describe());
              return kExitFatal;
            }
            flags->command.catalogue = *location;
            flags->command.max_pixels =
                imaging::pixels_in_megapixels(flags->max_megapixels.value_or(200));
            if (flags->prefer)
              flags->command.prefer = *scan::pair_preference_from_name(*flags->prefer);
            // Photos are read one per worker; libvips' own threads would only compete with them.
            const imaging::Libvips libvips(argv0, 1);
            return run_index(flags->command, libvips, logger);
          }};
}

}  // namespace vern::cli
