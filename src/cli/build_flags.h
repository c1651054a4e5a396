#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "cli/watermark_flags.h"
#include "core/result.h"
#include "publish/build_options.h"

namespace vern::cli {

// `vernissage build`'s flags as given; unset ones leave the settings from vernissage.toml (or
// the defaults) alone.
struct BuildFlags {
  std::string photos, output, config, texts, theme, catalogue, select;
  std::optional<std::string> title, author, copyright, description, base_url, language;
  std::string sizes;    // "480,960,1600"
  std::string formats;  // "avif,webp,jpeg"
  std::optional<int> quality;
  std::optional<double> sharpen;
  WatermarkFlags watermark;
  std::optional<long long> max_megapixels;
  std::optional<std::string> raw;     // "preview" | "develop"
  std::optional<std::string> prefer;  // "jpeg" | "raw"
  std::string shard;                  // "I/N"
  bool assemble = false;
  bool keep_location = false, include_originals = false, force = false, quiet = false,
       verbose = false, dry_run = false, keep_stale = false;
  int jobs = 0;
};

// Declares the flags on the `build` subcommand.
void add_build_flags(CLI::App& build, BuildFlags& flags);

// The build's options: the defaults, then vernissage.toml (from --config, else TEXTS, else
// PHOTOS), then the flags given. Fails on a malformed settings file or flag value, naming it.
[[nodiscard]] Result<publish::BuildOptions> build_options_from(const BuildFlags& flags);

}  // namespace vern::cli
