#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>

namespace vern::cli {

// A subcommand of `vernissage`, as every X_command.h adds one: add_X_command(app) declares the
// subcommand and its flags, and `run` is called once the command line was parsed, when this was
// the subcommand given. `run` gets argv[0] (libvips wants the program's name) and returns the
// exit code (exit_codes.h).
struct Command {
  CLI::App* subcommand = nullptr;
  std::function<int(const char* argv0)> run;
};

// Flags several commands share, declared once so that their names, checks and help agree.

// --catalogue FILE (resolved with catalogue_location()).
void add_catalogue_flag(CLI::App& command, std::string& file);
// -j,--jobs N, photos handled in parallel; `what` says how ("read", "processed").
void add_jobs_flag(CLI::App& command, int& jobs, const std::string& what);
// --max-megapixels N, unset unless given (imaging::pixels_in_megapixels turns it into pixels).
void add_max_megapixels_flag(CLI::App& command, std::optional<long long>& megapixels);
// --prefer jpeg|raw: which file of a RAW+JPEG pair is the photo (scan::pair_preference_from_name).
void add_prefer_flag(CLI::App& command, std::optional<std::string>& prefer);
// -q,--quiet: only warnings and errors.
void add_quiet_flag(CLI::App& command, bool& quiet);

}  // namespace vern::cli
