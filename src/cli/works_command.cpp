#include "cli/works_command.h"

#include <iostream>
#include <memory>

#include "cli/exit_codes.h"

namespace vern::cli {

void add_show_flags(CLI::App& command, BuildFlags& flags) {
  command.add_option("PHOTOS", flags.photos, "Folder of photographs, as for build")
      ->required()
      ->check(CLI::ExistingDirectory);
  command.add_option("--select", flags.select, "Only the photos this search matches");
  command.add_option("--config", flags.config,
                     "Settings file (default: PHOTOS/vernissage.toml when present)");
  command.add_option("--texts", flags.texts, "Folder of album.toml and captions, as for build");
  add_catalogue_flag(command, flags.catalogue);
  add_quiet_flag(command, flags.quiet);
}

Result<ShowWorks> show_works(const BuildFlags& flags, const imaging::Libvips& libvips,
                             Logger& logger) {
  auto options = build_options_from(flags);
  if (!options) return tl::unexpected(options.error());
  auto exhibition = publish::plan_exhibition(*options, libvips, logger);
  if (!exhibition) return tl::unexpected(exhibition.error());
  ShowWorks show{std::move(*options), std::move(*exhibition), {}, {}};
  // The order points into the gallery where it now lives, not where it was planned.
  show.order = show::works_in_order(show.exhibition.gallery);
  show.works = show::work_lines(show.order, show.exhibition.gallery);
  return show;
}

Command add_works_command(CLI::App& app) {
  struct Flags {
    BuildFlags build;
    bool csv = false;
  };
  auto flags = std::make_shared<Flags>();
  auto* works = app.add_subcommand(
      "works", "List the works of the show: plate, title, year, medium, size, edition, price.");
  works->footer(
      "The facts come from each album's album.toml ([photos.\"NAME.jpg\"] title, year, medium, "
      "print_size, edition, price, plate), the titles and order from the photos as the site "
      "shows them. Works with a plate come first, in plate order.\n"
      "Example: vernissage works ~/Photos/paris-show --csv > works.csv\n"
      "Exit codes: 0 listed; 1 listed, but some photos were left out (named on stderr); 2 "
      "error.");
  add_show_flags(*works, flags->build);
  works->add_flag("--csv", flags->csv,
                  "CSV for a spreadsheet (UTF-8): plate,title,year,medium,print_size,edition,"
                  "price,album,file,caption");
  return {
      works, [flags](const char* argv0) {
        Logger logger(std::cerr, flags->build.quiet ? Verbosity::kQuiet : Verbosity::kNormal);
        const imaging::Libvips libvips(argv0, 1);
        auto show = show_works(flags->build, libvips, logger);
        if (!show) {
          logger.error(show.error().describe());
          return kExitFatal;
        }
        std::cout << (flags->csv ? show::works_csv(show->works) : show::works_table(show->works));
        logger.info(std::to_string(show->works.size()) + " works");
        return show->exhibition.problems.empty() ? kExitOk : kExitSomeSkipped;
      }};
}

}  // namespace vern::cli
