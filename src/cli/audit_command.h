#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "cli/command.h"
#include "core/logger.h"

namespace vern::cli {

// `vernissage audit SITE`: lists every file of a built site that carries location, serial
// numbers or full EXIF: images through their metadata, pages, feeds and JSON through the text
// that would reveal a position. Prints one line per finding on stdout. Returns 0 when the site is
// clean, 1 when something was found, 2 when SITE is not a folder. With `photos` (the folder the
// site was built from), text files and the site's marker that name one of its files by its
// path relative to that folder are reported too, and (as warnings on stderr, which leave the exit
// code alone) the photos the catalogue named by `catalogue_flag` ("-": the default one; "": none)
// records as shown turned otherwise than their orientation tag says.
int run_audit(const std::filesystem::path& site, Logger& logger,
              const std::optional<std::filesystem::path>& photos = std::nullopt,
              const std::string& catalogue_flag = "");

Command add_audit_command(CLI::App& app);

}  // namespace vern::cli
