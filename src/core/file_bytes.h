#pragma once

#include <filesystem>
#include <vector>

#include "core/result.h"

namespace vern {

// Reads a whole file into memory, opened read-only. A photo is read once per build and the bytes
// are shared by hashing, metadata and decoding. Refuses files over `max_bytes` before reading.
[[nodiscard]] Result<std::vector<unsigned char>> read_file_bytes(const std::filesystem::path& path,
                                                                 std::uintmax_t max_bytes);

}  // namespace vern
