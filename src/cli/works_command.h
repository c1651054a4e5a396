#pragma once

#include <string>
#include <vector>

#include "cli/build_flags.h"
#include "cli/command.h"
#include "core/logger.h"
#include "core/result.h"
#include "show/works_list.h"

namespace vern::cli {

// The flags every command of the printed show takes, as `build` takes them: PHOTOS, --select,
// --config, --texts, --catalogue, -q.
void add_show_flags(CLI::App& command, BuildFlags& flags);

// The works of the show in its order, planned as `build` lays the site out (no image made), and
// what was left out; the photographer and the site's title from the settings.
struct ShowWorks {
  std::vector<show::WorkLine> works;
  std::vector<Error> left_out;
  std::string photographer, title;
};
[[nodiscard]] Result<ShowWorks> show_works(const BuildFlags& flags, const char* argv0,
                                           Logger& logger);

// `vernissage works PHOTOS [--csv]`: the list of works of the show, for the gallery's price list
// and insurance. Exit code 0 when listed, 1 when some photos were left out (named), 2 on error.
Command add_works_command(CLI::App& app);

}  // namespace vern::cli
