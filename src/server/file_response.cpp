#include "server/file_response.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <utility>

namespace vern::server {
namespace {

std::optional<std::uintmax_t> parse_number(std::string_view text) {
  std::uintmax_t value = 0;
  if (text.empty()) return std::nullopt;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string_view content_type_for(std::string_view file_name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json"},
      {".xml", "application/xml; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".png", "image/png"},
      {".webp", "image/webp"},
      {".avif", "image/avif"},
      {".ico", "image/x-icon"},
  }};
  for (const auto& [extension, type] : kTypes) {
    if (file_name.size() > extension.size() && file_name.ends_with(extension)) return type;
  }
  return "application/octet-stream";
}

namespace {

// The file through openat2(2) in one call: RESOLVE_BENEATH refuses any step out of `root`
// (absolute paths, "..", links pointing out), RESOLVE_NO_SYMLINKS any link at all. Returns -1
// with errno ENOSYS on kernels before 5.6.
int open_with_openat2(const std::filesystem::path& root, const std::string& relative) {
  const int folder = ::open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (folder < 0) return -1;
  open_how how{};
  // Non-blocking, so a FIFO planted in the folder cannot hang the open (regular files ignore
  // the flag).
  how.flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
  const int file =
      static_cast<int>(::syscall(SYS_openat2, folder, relative.c_str(), &how, sizeof how));
  const int saved = errno;
  ::close(folder);
  errno = saved;
  return file;
}

// The same, one folder at a time, each opened with O_NOFOLLOW relative to the one before.
int open_folder_by_folder(const std::filesystem::path& root,
                          const std::vector<std::string>& segments) {
  int folder = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  for (std::size_t i = 0; folder >= 0 && i < segments.size(); ++i) {
    const bool last = i + 1 == segments.size();
    const int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (last ? O_NONBLOCK : O_DIRECTORY);
    const int next = ::openat(folder, segments[i].c_str(), flags);
    ::close(folder);
    folder = next;
  }
  return folder;
}

}  // namespace

std::optional<OpenedFile> open_beneath(const std::filesystem::path& root,
                                       const std::vector<std::string>& segments) {
  if (segments.empty()) return std::nullopt;
  std::string relative;
  for (const auto& name : segments) {
    if (name.empty() || name.front() == '.' || name.find('/') != std::string::npos) {
      return std::nullopt;
    }
    relative += (relative.empty() ? "" : "/") + name;
  }
  int file = open_with_openat2(root, relative);
  if (file < 0 && errno == ENOSYS) file = open_folder_by_folder(root, segments);
  if (file < 0) return std::nullopt;
  struct stat info {};
  if (::fstat(file, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(file);
    return std::nullopt;
  }
  return OpenedFile{file, static_cast<std::uintmax_t>(info.st_size)};
}

std::optional<ByteRange> parse_byte_range(std::string_view header, std::uintmax_t size) {
  constexpr std::string_view kUnit = "bytes=";
  if (!header.starts_with(kUnit)) return std::nullopt;
  const auto spec = header.substr(kUnit.size());
  if (spec.find(',') != std::string_view::npos) return std::nullopt;  // several: whole file
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto first = spec.substr(0, dash);
  const auto last = spec.substr(dash + 1);
  const ByteRange unsatisfiable{1, 0};
  if (first.empty()) {  // "-N": the last N bytes
    const auto suffix = parse_number(last);
    if (!suffix) return std::nullopt;
    if (*suffix == 0 || size == 0) return unsatisfiable;
    return ByteRange{size - std::min(*suffix, size), size - 1};
  }
  const auto from = parse_number(first);
  if (!from) return std::nullopt;
  std::uintmax_t to = size == 0 ? 0 : size - 1;
  if (!last.empty()) {
    const auto until = parse_number(last);
    if (!until || *until < *from) return std::nullopt;
    to = std::min(*until, to);
  }
  if (*from >= size) return unsatisfiable;
  return ByteRange{*from, to};
}

Response file_response(OpenedFile file, std::string_view content_type, const Request& request) {
  const auto range_header = request[http::field::range];
  const auto range = range_header.empty()
                         ? std::nullopt
                         : parse_byte_range({range_header.data(), range_header.size()}, file.size);
  if (range && range->first > range->last) {
    ::close(file.descriptor);
    StringResponse refused(http::status::range_not_satisfiable, request.version());
    refused.set(http::field::content_range, "bytes */" + std::to_string(file.size));
    refused.prepare_payload();
    return refused;
  }
  if (range) {
    const auto length = range->last - range->first + 1;
    std::string slice(length, '\0');
    const auto got =
        ::pread(file.descriptor, slice.data(), length, static_cast<off_t>(range->first));
    ::close(file.descriptor);
    if (got != static_cast<ssize_t>(length)) {
      StringResponse failed(http::status::internal_server_error, request.version());
      failed.prepare_payload();
      return failed;
    }
    StringResponse partial(http::status::partial_content, request.version());
    partial.set(http::field::content_type, content_type);
    partial.set(http::field::accept_ranges, "bytes");
    partial.set(http::field::content_range, "bytes " + std::to_string(range->first) + "-" +
                                                std::to_string(range->last) + "/" +
                                                std::to_string(file.size));
    partial.body() = std::move(slice);
    partial.prepare_payload();
    return partial;
  }
  FileResponse whole(http::status::ok, request.version());
  boost::beast::file_posix posix;
  posix.native_handle(file.descriptor);  // the body owns the descriptor from here
  boost::beast::error_code ec;
  whole.body().reset(boost::beast::file(std::move(posix)), ec);
  whole.set(http::field::content_type, content_type);
  whole.set(http::field::accept_ranges, "bytes");
  whole.prepare_payload();
  return whole;
}

}  // namespace vern::server
