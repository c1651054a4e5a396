#include "cli/catalogue_command.h"

#include <chrono>
#include <iostream>
#include <memory>

#include "catalogue/catalogue_copy.h"
#include "cli/exit_codes.h"

namespace vern::cli {

int run_catalogue_copy(const std::string& from, const std::string& to, Logger& logger) {
  auto source = catalogue::open_tables(from, catalogue::OpenMode::kExisting);
  if (!source) {
    logger.error(source.error().describe());
    return kExitFatal;
  }
  auto target = catalogue::open_tables(to, catalogue::OpenMode::kCreateIfAbsent);
  if (!target) {
    logger.error(target.error().describe());
    return kExitFatal;
  }
  logger.info("copying " + from + " to " + to);
  const auto start = std::chrono::steady_clock::now();
  auto copied = catalogue::copy_catalogue(
      *source, *target, [&](const std::string& stage) { logger.info("  " + stage + " ..."); });
  if (!copied) {
    logger.error(copied.error().describe());
    return kExitFatal;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  logger.info("copied and counted " + std::to_string(copied->photos) + " photos, " +
              std::to_string(copied->shares) + " shares, " + std::to_string(copied->views) +
              " share views and " + std::to_string(copied->marks) + " marks in " +
              std::to_string(static_cast<int>(seconds + 0.5)) + " s");
  return kExitOk;
}

Command add_catalogue_command(CLI::App& app) {
  struct Flags {
    std::string from, to;
    bool quiet = false;
  };
  auto flags = std::make_shared<Flags>();
  auto* catalogue = app.add_subcommand("catalogue", "Work on the catalogue itself.");
  catalogue->require_subcommand(1);
  auto* copy = catalogue->add_subcommand(
      "copy",
      "Copy a whole catalogue (photos, shares, their views and marks, ids kept) into a new one, "
      "between SQLite files and PostgreSQL databases, then count both.");
  copy->footer(
      "FROM and TO are SQLite files or postgresql://USER@HOST/DB URLs. TO must be new or "
      "empty; FROM is only read. Share links keep working after the move.\nExample: vernissage "
      "catalogue copy ~/.local/share/vernissage/catalogue.db "
      "postgresql://vernissage@db/archive\nExit codes: 0 copied; 2 error (nothing is written "
      "to TO).");
  copy->add_option("FROM", flags->from, "The catalogue to copy")->required();
  copy->add_option("TO", flags->to, "Where to copy it (new or empty)")->required();
  add_quiet_flag(*copy, flags->quiet);
  return {catalogue, [flags](const char*) {
            Logger logger(std::cerr, flags->quiet ? Verbosity::kQuiet : Verbosity::kNormal);
            return run_catalogue_copy(flags->from, flags->to, logger);
          }};
}

}  // namespace vern::cli
