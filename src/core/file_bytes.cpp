#include "core/file_bytes.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

namespace vern {

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
  // (230 photos read through one buffer: 6,000 page faults growing to fit, 1,000 doubling).
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

}  // namespace vern
