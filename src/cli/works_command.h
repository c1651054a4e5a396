#pragma once

#include <string>
#include <vector>

#include "cli/build_flags.h"
#include "cli/command.h"
#include "core/logger.h"
#include "core/result.h"
#include "imaging/libvips.h"
#include "publish/exhibition.h"
#include "show/works_list.h"

namespace vern::cli {

// The flags every command of the printed show takes, as `build` takes them: PHOTOS, --select,
// --config, --texts, --catalogue, -q.
void add_show_flags(CLI::App& command, BuildFlags& flags);

// The show planned as `build` lays the site out (no image made): the settings, the exhibition
// (with what was left out), its photos in the show's order and their lines as works.
struct ShowWorks {
  publish::BuildOptions options;
  publish::Exhibition exhibition;
  std::vector<const site::Photo*> order;  // into exhibition.gallery
  std::vector<show::WorkLine> works;      // one per photo of `order`
};
[[nodiscard]] Result<ShowWorks> show_works(const BuildFlags& flags, const imaging::Libvips& libvips,
                                           Logger& logger);

// `vernissage works PHOTOS [--csv]`: the list of works of the show, for the gallery's price list
// and insurance. Exit code 0 when listed, 1 when some photos were left out (named), 2 on error.
Command add_works_command(CLI::App& app);

}  // namespace vern::cli
