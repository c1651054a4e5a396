#include "proofing/zip_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <set>

#include "core/ascii_case.h"
#include "core/atomic_write.h"
#include "metadata/private_fields.h"

namespace vern::proofing {
namespace {

std::string clean_name(const std::string& wanted) {
  std::string name;
  for (const char c : wanted) {
    const auto byte = static_cast<unsigned char>(c);
    name += (c == '/' || c == '\\' || byte < 0x20 || byte == 0x7f || c == ':') ? '_' : c;
  }
  while (!name.empty() && (name.front() == '.' || name.front() == ' ')) name.erase(0, 1);
  if (name.empty()) name = "photo";
  return name;
}

struct ArchiveCloser {
  void operator()(archive* a) const { archive_write_free(a); }
};

}  // namespace

std::vector<std::string> safe_entry_names(const std::vector<std::string>& wanted) {
  std::vector<std::string> names;
  std::set<std::string> taken;
  for (const auto& want : wanted) {
    const std::string clean = clean_name(want);
    const auto dot = clean.rfind('.');
    const std::string stem = dot == std::string::npos || dot == 0 ? clean : clean.substr(0, dot);
    const std::string extension = dot == std::string::npos || dot == 0 ? "" : clean.substr(dot);
    std::string name = clean;
    for (int n = 2; taken.contains(ascii_lower(name)); ++n) {
      name = stem + " (" + std::to_string(n) + ")" + extension;
    }
    taken.insert(ascii_lower(name));
    names.push_back(name);
  }
  return names;
}

Result<std::filesystem::path> cleaned_copy(const std::filesystem::path& original,
                                           const std::filesystem::path& scratch,
                                           bool keep_location) {
  std::error_code ec;
  std::filesystem::create_directories(scratch, ec);
  const auto copy = temporary_path_for(scratch / original.filename());
  if (!std::filesystem::copy_file(original, copy, ec)) {
    return fail(ErrorCode::kIo, "cannot copy: " + ec.message(), original);
  }
  if (auto r = metadata::strip_private_fields(copy, keep_location); !r) {
    std::filesystem::remove(copy, ec);
    // The photographer knows the original, not our temporary copy of it.
    return fail(r.error().code, r.error().message, original);
  }
  return copy;
}

Result<void> write_zip(int fd, const std::vector<ZipEntry>& entries,
                       const std::filesystem::path& scratch, std::vector<std::string>* skipped) {
  std::unique_ptr<archive, ArchiveCloser> zip(archive_write_new());
  archive* a = zip.get();
  if (archive_write_set_format_zip(a) != ARCHIVE_OK ||
      archive_write_zip_set_compression_store(a) != ARCHIVE_OK ||
      archive_write_set_bytes_per_block(a, 64 * 1024) != ARCHIVE_OK ||
      archive_write_set_bytes_in_last_block(a, 1) != ARCHIVE_OK ||
      archive_write_open_fd(a, fd) != ARCHIVE_OK) {
    return fail(ErrorCode::kInternal, std::string("libarchive: ") + archive_error_string(a));
  }
  std::array<char, 256 * 1024> block{};
  for (const auto& entry : entries) {
    std::filesystem::path source = entry.file;
    if (entry.strip_private) {
      auto copy = cleaned_copy(entry.file, scratch, entry.keep_location);
      if (!copy) {
        if (skipped != nullptr) skipped->push_back(copy.error().describe());
        continue;
      }
      source = *copy;
    }
    // The cleaned copy goes as soon as it is open: nothing is left behind if the client leaves.
    const int in = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
    if (entry.strip_private) {
      std::error_code ec;
      std::filesystem::remove(source, ec);
    }
    struct stat info {};
    if (in < 0 || ::fstat(in, &info) != 0) {
      if (in >= 0) ::close(in);
      return fail(ErrorCode::kIo, "cannot read", entry.file);
    }
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> header(archive_entry_new(),
                                                                         &archive_entry_free);
    archive_entry_set_pathname_utf8(header.get(), entry.name.c_str());
    archive_entry_set_size(header.get(), info.st_size);
    archive_entry_set_filetype(header.get(), AE_IFREG);
    archive_entry_set_perm(header.get(), 0644);
    struct stat original {};  // a cleaned copy carries the original's time
    const auto mtime =
        ::stat(entry.file.c_str(), &original) == 0 ? original.st_mtim.tv_sec : info.st_mtim.tv_sec;
    archive_entry_set_mtime(header.get(), mtime, 0);
    if (archive_write_header(a, header.get()) != ARCHIVE_OK) {
      ::close(in);
      return fail(ErrorCode::kIo, std::string("cannot write the ZIP: ") + archive_error_string(a));
    }
    for (;;) {
      const auto got = ::read(in, block.data(), block.size());
      if (got < 0) {
        ::close(in);
        return fail(ErrorCode::kIo, "cannot read", entry.file);
      }
      if (got == 0) break;
      if (archive_write_data(a, block.data(), static_cast<std::size_t>(got)) != got) {
        ::close(in);
        return fail(ErrorCode::kIo,
                    std::string("cannot write the ZIP: ") + archive_error_string(a));
      }
    }
    ::close(in);
  }
  if (archive_write_close(a) != ARCHIVE_OK) {
    return fail(ErrorCode::kIo, std::string("cannot finish the ZIP: ") + archive_error_string(a));
  }
  return {};
}

}  // namespace vern::proofing
