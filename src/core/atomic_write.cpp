#include "core/atomic_write.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

namespace vern {

namespace {
constexpr std::string_view kTemporaryPrefix = ".tmp-";
}

std::filesystem::path temporary_path_for(const std::filesystem::path& final_path) {
  static std::atomic<unsigned long> counter{0};
  const std::string unique =
      std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
  return final_path.parent_path() /
         (std::string(kTemporaryPrefix) + unique + "-" + final_path.filename().string());
}

bool is_temporary_name(std::string_view file_name) {
  return file_name.starts_with(kTemporaryPrefix);
}

Result<void> commit_temporary(const std::filesystem::path& temporary,
                              const std::filesystem::path& final_path) {
  std::error_code ec;
  std::filesystem::rename(temporary, final_path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    return fail(ErrorCode::kIo, "cannot move finished file into place: " + ec.message(),
                final_path.string());
  }
  return {};
}

Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return fail(ErrorCode::kIo, "cannot create folder: " + ec.message(), path.string());

  const auto temporary = temporary_path_for(path);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    return fail(ErrorCode::kIo, std::string("cannot create: ") + std::strerror(errno),
                temporary.string());
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string reason = std::strerror(errno);
      ::close(fd);
      std::filesystem::remove(temporary, ec);
      return fail(ErrorCode::kIo, "cannot write: " + reason, path.string());
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    std::filesystem::remove(temporary, ec);
    return fail(ErrorCode::kIo, std::string("cannot write: ") + std::strerror(errno),
                path.string());
  }
  return commit_temporary(temporary, path);
}

}  // namespace vern
