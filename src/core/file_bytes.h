#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/result.h"

namespace vern {

// The largest file read as a photo. Even a 200-megapixel 16-bit TIFF stays under this; anything
// larger is not a photo we can show.
inline constexpr std::uintmax_t kMaxPhotoFileBytes = 2ULL * 1024 * 1024 * 1024;

// Reads a whole file into memory, opened read-only. A photo is read once per build and the bytes
// are shared by hashing, metadata and decoding. Refuses files over `max_bytes` before reading.
[[nodiscard]] Result<std::vector<unsigned char>> read_file_bytes(const std::filesystem::path& path,
                                                                 std::uintmax_t max_bytes);

}  // namespace vern
