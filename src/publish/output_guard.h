#pragma once

#include <filesystem>

#include "core/result.h"

namespace vern::publish {

// Refuses output folders that would harm the photographer's files: the photo folder itself or
// any folder inside or above it, the file system root, and a non-empty folder that is not a
// Vernissage site (unless `force`).
[[nodiscard]] Result<void> check_output_folder(const std::filesystem::path& photos,
                                               const std::filesystem::path& output, bool force);

}  // namespace vern::publish
