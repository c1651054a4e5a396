#include "cli/build_command.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/build_flags.h"
#include "cli/exit_codes.h"
#include "cli/progress.h"
#include "publish/site_build.h"

namespace vern::cli {
namespace {

// The closing summary: photos, then files.
std::vector<std::string> summary_lines(const publish::BuildReport& r,
                                       const publish::BuildOptions& options) {
  const bool dry_run = options.dry_run, keep_stale = options.keep_stale;
  const auto n = [](int v) { return std::to_string(v); };
  char time[32];
  std::snprintf(time, sizeof time, "%.1f s", r.seconds);
  const std::string verb = dry_run ? "would be " : "";
  const std::string stale = keep_stale ? n(r.stale_found) + " stale kept"
                            : dry_run  ? n(r.stale_found) + " stale would be removed"
                                       : n(r.stale_removed) + " stale removed";
  return {
      std::string(dry_run ? "Dry run, nothing written. " : "") +
          "Photos: " + n(r.fresh + r.changed + r.unchanged) + " published (" + n(r.fresh) +
          " new, " + n(r.changed) + " changed, " + n(r.unchanged) + " unchanged), " + n(r.removed) +
          " removed, " + n(r.failed) + " failed; " + n(r.read) + " read, " + n(r.decoded) + " " +
          verb + "decoded" +
          (options.shard ? "; shard " + n(options.shard->index) + "/" + n(options.shard->count) +
                               ", " + n(r.other_shards) + " left to the other shards"
                         : ""),
      "Files: " + n(r.images_written) + " images and " + n(r.pages_written) + " pages " + verb +
          "written, " + n(r.pages_unchanged) + " pages unchanged, " + stale + ", in " + time};
}

}  // namespace

int run_build(const publish::BuildOptions& options, const imaging::Libvips& libvips,
              Logger& logger) {
  std::optional<Progress> progress;
  publish::BuildProgress display;
  display.start = [&](int total) { progress.emplace(logger, total, ::isatty(STDERR_FILENO) != 0); };
  display.advance = [&] { progress->advance(); };
  display.finish = [&] { progress->finish(); };
  const SteadyClock clock;
  auto report = publish::build_site(options, libvips, {logger, clock}, display);
  if (!report) {
    logger.error(report.error().describe());
    return kExitFatal;
  }
  for (const auto& line : summary_lines(*report, options)) {
    logger.info(line);
  }
  if (!report->skipped.empty()) {
    logger.warn(std::to_string(report->skipped.size()) + " input(s) skipped:");
    for (const auto& s : report->skipped) logger.warn("  " + s.describe());
  }
  return report->skipped.empty() ? kExitOk : kExitSomeSkipped;
}

Command add_build_command(CLI::App& app) {
  auto flags = std::make_shared<BuildFlags>();
  auto* build = app.add_subcommand(
      "build", "Publish a folder tree of photographs as a static gallery website.");
  build->footer(std::string("Settings come from vernissage.toml (in TEXTS, else in PHOTOS), flags "
                            "winning. The About page comes from about.md, in Markdown, found the "
                            "same way.\n") +
                kExitCodeHelp);
  add_build_flags(*build, *flags);
  return {build, [flags](const char* argv0) {
            auto options = build_options_from(*flags);
            Logger logger(std::cerr, flags->quiet ? Verbosity::kQuiet : Verbosity::kNormal);
            if (!options) {
              logger.error(options.error().describe());
              return kExitFatal;
            }
            Logger build_logger(std::cerr, options->verbosity);
            // Photos are processed one per worker; libvips' own threads would only compete.
            const imaging::Libvips libvips(argv0, 1);
            // libvips is loaded when the first photo needs pixels (a rebuild of an unchanged site
            // never does), but a module gone missing is said once, up front, not once per photo.
            if (const auto module = imaging::Libvips::find_module(); !module) {
              build_logger.error(module.error().describe());
              return kExitFatal;
            }
            const int code = run_build(*options, libvips, build_logger);
            if (code != kExitFatal && !options->shard) {
              std::cout << (options->output / "index.html").string() << "\n";
            }
            return code;
          }};
}

}  // namespace vern::cli
