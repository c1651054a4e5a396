#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace vern {

// The largest file read as a photo. Even a 200-megapixel 16-bit TIFF stays under this; anything
// larger is not a photo we can show.
inline constexpr std::uintmax_t kMaxPhotoFileBytes = 2ULL * 1024 * 1024 * 1024;

namespace detail {
// Memory of at least `bytes` for a photo's contents: from huge pages where the kernel offers them
// (transparent huge pages, asked for with madvise), else ordinary pages. Each first touch of an
// ordinary 4 KiB page costs a page fault; in the virtual machines here one costs about 11 µs, so
// filling a fresh 4 MB buffer cost 12 ms, and a 2 MiB huge page faults once.
void* allocate_photo_memory(std::size_t bytes);
void free_photo_memory(void* memory, std::size_t bytes);
// Below this, memory comes from malloc like any other.
inline constexpr std::size_t kHugePage = std::size_t{2} * 1024 * 1024;
}  // namespace detail

// Leaves new elements uninitialised: a file's bytes are read straight over them, and zeroing a
// photo's megabytes first cost 7 % of an index run (memset, measured with perf). Photo-sized
// blocks come from huge pages (detail::allocate_photo_memory).
template <typename T>
struct UninitialisedAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {  // NOLINT(readability-identifier-naming): the allocator protocol's name
    using other = UninitialisedAllocator<U>;
  };
  UninitialisedAllocator() = default;
  template <typename U>
  UninitialisedAllocator(const UninitialisedAllocator<U>&) {}

  T* allocate(std::size_t n) {
    if (n * sizeof(T) < detail::kHugePage) return std::allocator<T>::allocate(n);
    return static_cast<T*>(detail::allocate_photo_memory(n * sizeof(T)));
  }
  void deallocate(T* memory, std::size_t n) {
    if (n * sizeof(T) < detail::kHugePage) return std::allocator<T>::deallocate(memory, n);
    detail::free_photo_memory(memory, n * sizeof(T));
  }
  template <typename U, typename... Args>
  void construct(U* place, Args&&... args) {
    if constexpr (sizeof...(Args) == 0) {
      ::new (static_cast<void*>(place)) U;  // default-initialised: left as it is
    } else {
      ::new (static_cast<void*>(place)) U(std::forward<Args>(args)...);
    }
  }
};

// True when something is at `path`; false when nothing is, and when it cannot be looked at (a
// folder without permission, a dangling link): callers treat such a path as absent.
[[nodiscard]] bool path_exists(const std::filesystem::path& path);

// A file's contents.
using FileBytes = std::vector<unsigned char, UninitialisedAllocator<unsigned char>>;

// Reads a whole file into memory, opened read-only. A photo is read once per build and the bytes
// are shared by hashing, metadata and decoding. Refuses files over `max_bytes` before reading.
[[nodiscard]] Result<FileBytes> read_file_bytes(const std::filesystem::path& path,
                                                std::uintmax_t max_bytes);

// A small text file (a settings file, a caption, a page) whole; nullopt when it cannot be opened.
[[nodiscard]] std::optional<std::string> read_text_file(const std::filesystem::path& path);

// The same, into `bytes`, whose memory is reused: a worker that reads photo after photo into one
// buffer skips the page faults (and the kernel's zeroing) of fresh memory for every file. Reading
// and hashing the bench corpus (230 photos, 690 MB) into a new buffer per photo took 190 to
// 370 ms; into one reused buffer, 130 to 160 ms. On failure `bytes` holds nothing.
[[nodiscard]] Result<void> read_file_bytes_into(const std::filesystem::path& path,
                                                std::uintmax_t max_bytes, FileBytes& bytes);

}  // namespace vern
