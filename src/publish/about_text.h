#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/result.h"

namespace vern::publish {

// The photographer's own page, in Markdown, at the top of the texts folder or of the photos.
inline constexpr const char* kAboutFileName = "about.md";

// TEXTS/about.md when there is one, else PHOTOS/about.md, whole; "" when neither is there.
// Fails, naming the file, when it is there but cannot be read.
[[nodiscard]] Result<std::string> read_about_text(
    const std::filesystem::path& photos, const std::optional<std::filesystem::path>& texts);

}  // namespace vern::publish
