#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <vector>

#include "cli/audit_command.h"
#include "cli/book_command.h"
#include "cli/build_command.h"
#include "cli/catalogue_command.h"
#include "cli/command.h"
#include "cli/duplicates_command.h"
#include "cli/exit_codes.h"
#include "cli/index_command.h"
#include "cli/info_command.h"
#include "cli/labels_command.h"
#include "cli/picks_command.h"
#include "cli/search_command.h"
#include "cli/serve_command.h"
#include "cli/share_command.h"
#include "cli/works_command.h"
#include "metadata/library_setup.h"

namespace vern::cli {

int run(int argc, char** argv) {
  CLI::App app("Vernissage: from a photographer's archive to an exhibition website.", "vernissage");
  app.footer(kExitCodeHelp);
  app.require_subcommand(1);
  // A flag given twice takes its last value, as scripts that append options expect.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.set_version_flag("--version", std::string("vernissage ") + VERNISSAGE_VERSION);

  // Every command comes in through the same door: cli/X_command.h's add_X_command.
  const std::vector<Command> commands = {
      add_build_command(app),     add_info_command(app),   add_audit_command(app),
      add_index_command(app),     add_search_command(app), add_duplicates_command(app),
      add_share_command(app),     add_serve_command(app),  add_picks_command(app),
      add_catalogue_command(app), add_works_command(app),  add_labels_command(app),
      add_book_command(app)};

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitFatal;
  }

  metadata::LibrarySetup exiv2_setup;
  for (const auto& command : commands) {
    if (command.subcommand->parsed()) return command.run(argv[0]);
  }
  return kExitFatal;  // unreachable: CLI11 requires one subcommand
}

}  // namespace vern::cli
