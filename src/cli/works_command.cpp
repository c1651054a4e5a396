#include "cli/works_command.h"

#include <iostream>
#include <memory>

#include "cli/build_flags.h"
#include "cli/exit_codes.h"
#include "core/logger.h"
#include "imaging/libvips.h"
#include "publish/exhibition.h"
#include "show/works_list.h"

namespace vern::cli {

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
  works->add_option("PHOTOS", flags->build.photos, "Folder of photographs, as for build")
      ->required()
      ->check(CLI::ExistingDirectory);
  works->add_flag("--csv", flags->csv,
                  "CSV for a spreadsheet (UTF-8): plate,title,year,medium,print_size,edition,"
                  "price,album,file,caption");
  works->add_option("--select", flags->build.select, "Only the photos this search matches");
  works->add_option("--config", flags->build.config,
                    "Settings file (default: PHOTOS/vernissage.toml when present)");
  works->add_option("--texts", flags->build.texts,
                    "Folder of album.toml and captions, as for build");
  add_catalogue_flag(*works, flags->build.catalogue);
  add_quiet_flag(*works, flags->build.quiet);
  return {works, [flags](const char* argv0) {
            Logger logger(std::cerr, flags->build.quiet ? Verbosity::kQuiet : Verbosity::kNormal);
            auto options = build_options_from(flags->build);
            if (!options) {
              logger.error(options.error().describe());
              return kExitFatal;
            }
            const imaging::Libvips libvips(argv0, 1);
            auto exhibition = publish::plan_exhibition(*options, libvips, logger);
            if (!exhibition) {
              logger.error(exhibition.error().describe());
              return kExitFatal;
            }
            const auto lines =
                show::work_lines(show::works_in_order(exhibition->gallery), exhibition->gallery);
            std::cout << (flags->csv ? show::works_csv(lines) : show::works_table(lines));
            logger.info(std::to_string(lines.size()) + " works");
            return exhibition->problems.empty() ? kExitOk : kExitSomeSkipped;
          }};
}

}  // namespace vern::cli
