#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "core/result.h"
#include "publish/build_options.h"

namespace vern::cli {

// The settings files and flags fill in the build's options, which the publish stage defines.
using publish::BuildOptions;

// The settings file looked for in the photo folder.
inline constexpr const char* kConfigFileName = "vernissage.toml";

// Applies the settings in a vernissage.toml to `options` (see README "Settings" for the keys).
// Unknown keys and values of the wrong type are errors that name the file and the key: a typo
// silently ignored would publish something the photographer did not ask for.
[[nodiscard]] Result<void> apply_config_file(const std::filesystem::path& file,
                                             BuildOptions& options);

// The same, for settings already in memory; `name` names them in errors.
[[nodiscard]] Result<void> apply_config_text(std::string_view text, const std::string& name,
                                             BuildOptions& options);

// "avif" | "webp" | "jpeg" | "jpg" (any case).
std::optional<OutputFormat> parse_output_format(std::string_view name);

// Default quality of each encoding, tuned so the three look alike at the same size.
int default_quality(OutputFormat format);

}  // namespace vern::cli
