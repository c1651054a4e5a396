#include "core/file_bytes.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <new>
#include <string>

namespace vern {

namespace detail {
namespace {
// `n` rounded up to a whole number of huge pages: a size, or an address to align.
std::uintptr_t whole_huge_pages(std::uintptr_t n) {
  return (n + kHugePage - 1) / kHugePage * kHugePage;
}
}  // namespace

void* allocate_photo_memory(std::size_t bytes) {
  // A huge page must start on a 2 MiB boundary: map one page more, then give back the slack on
  // either side of the aligned block.
  const std::size_t size = whole_huge_pages(bytes);
  void* mapped =
      ::mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(mapped);
  const std::uintptr_t aligned = whole_huge_pages(start);
  if (aligned > start) ::munmap(mapped, aligned - start);
  // The mapping ends at start + size + kHugePage, the block at aligned + size.
  const std::size_t tail = start + kHugePage - aligned;
  if (tail > 0) ::munmap(reinterpret_cast<void*>(aligned + size), tail);
  // Only advice: where huge pages are off, ordinary pages serve.
  ::madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);
  return reinterpret_cast<void*>(aligned);
}

void free_photo_memory(void* memory, std::size_t bytes) {
  ::munmap(memory, whole_huge_pages(bytes));
}

}  // namespace detail

Result<void> read_file_bytes_into(const std::filesystem::path& path, std::uintmax_t max_bytes,
                                  FileBytes& bytes) {
  bytes.clear();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return fail(ErrorCode::kIo, std::string("cannot open: ") + std::strerror(errno), path.string());
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    return fail(ErrorCode::kIo, "cannot stat: " + reason, path.string());
  }
  if (static_cast<std::uintmax_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return fail(ErrorCode::kTooLarge,
                "file is " + std::to_string(st.st_size / (1024 * 1024)) + " MiB, over the limit",
                path.string());
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  // Grown by doubling, not to each larger file's size: every new buffer's pages fault in again
  // (230 photos read through one buffer: 6,000 page faults growing to fit, 1,600 doubling).
  if (size > bytes.capacity()) bytes.reserve(std::max(size, 2 * bytes.capacity()));
  bytes.resize(size);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string reason = std::strerror(errno);
      ::close(fd);
      bytes.clear();
      return fail(ErrorCode::kIo, "cannot read: " + reason, path.string());
    }
    if (n == 0) break;  // the file shrank while we read it
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  bytes.resize(done);
  return {};
}

Result<FileBytes> read_file_bytes(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  FileBytes bytes;
  if (auto read = read_file_bytes_into(path, max_bytes, bytes); !read)
    return tl::unexpected(read.error());
  return bytes;
}

bool path_exists(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

std::optional<std::string> read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace vern
