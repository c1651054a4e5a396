#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "core/result.h"

namespace vern {

// The largest file read as a photo. Even a 200-megapixel 16-bit TIFF stays under this; anything
// larger is not a photo we can show.
inline constexpr std::uintmax_t kMaxPhotoFileBytes = 2ULL * 1024 * 1024 * 1024;

// Leaves new elements uninitialised: a file's bytes are read straight over them, and zeroing a
// photo's megabytes first cost 7 % of an index run (memset, measured with perf).
template <typename T>
struct UninitialisedAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = UninitialisedAllocator<U>;
  };
  template <typename U, typename... Args>
  void construct(U* place, Args&&... args) {
    if constexpr (sizeof...(Args) == 0) {
      ::new (static_cast<void*>(place)) U;  // default-initialised: left as it is
    } else {
      ::new (static_cast<void*>(place)) U(std::forward<Args>(args)...);
    }
  }
};

// A file's contents.
using FileBytes = std::vector<unsigned char, UninitialisedAllocator<unsigned char>>;

// Reads a whole file into memory, opened read-only. A photo is read once per build and the bytes
// are shared by hashing, metadata and decoding. Refuses files over `max_bytes` before reading.
[[nodiscard]] Result<FileBytes> read_file_bytes(const std::filesystem::path& path,
                                                std::uintmax_t max_bytes);

// The same, into `bytes`, whose memory is reused: a worker that reads photo after photo into one
// buffer skips the page faults (and the kernel's zeroing) of fresh memory for every file. Read
// into a new buffer per photo, the bench corpus (230 photos, 690 MB) took 190 to 370 ms; into one
// reused buffer, 130 to 160 ms. On failure `bytes` holds nothing.
[[nodiscard]] Result<void> read_file_bytes_into(const std::filesystem::path& path,
                                                std::uintmax_t max_bytes, FileBytes& bytes);

}  // namespace vern
