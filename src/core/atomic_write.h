#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.h"

namespace vern {

// A name beside `final_path` (same folder, so the rename cannot cross file systems) that keeps
// the final extension, because libvips picks its saver from the suffix: "a/.tmp-<unique>-b.jpg".
// Unique per process and call, so concurrent writers of the same target never share a temp file.
std::filesystem::path temporary_path_for(const std::filesystem::path& final_path);

// True for names made by temporary_path_for(), which a later run may delete as debris.
bool is_temporary_name(std::string_view file_name);

// Moves a finished temporary file into place in one rename, so readers see either the old file or
// the new one, never a partial file. Removes the temporary file when the rename fails.
[[nodiscard]] Result<void> commit_temporary(const std::filesystem::path& temporary,
                                            const std::filesystem::path& final_path);

// Writes `contents` to `path` atomically (temporary file, flush, rename). Creates parent folders.
[[nodiscard]] Result<void> write_file_atomically(const std::filesystem::path& path,
                                                 std::string_view contents);

}  // namespace vern
