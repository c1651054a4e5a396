#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace vern::proofing {

// One file of a ZIP: its name in the archive and where its bytes are. An original is sent
// without its location (unless `keep_location`) and serial numbers: a copy in `scratch` is
// cleaned by exiv2 and added instead, then removed; the original is only read.
struct ZipEntry {
  std::string name;
  std::filesystem::path file;
  bool strip_private = false;
  bool keep_location = false;
};

// Names fit for a ZIP that any unzip extracts where it should: no folders ('/' and '\\' become
// '_'), no ".." or leading dots, no control characters, and unique (case-insensitively) by
// " (2)", " (3)" before the extension.
std::vector<std::string> safe_entry_names(const std::vector<std::string>& wanted);

// Writes a ZIP of `entries` (stored, not compressed: photos do not shrink) to `fd` as it goes,
// through libarchive, which uses ZIP64 for an archive or entry past 4 GiB. Each file is read in
// blocks, so memory stays flat whatever the size. Fails naming the file that could not be read,
// or when `fd` stops taking bytes (the client went away).
// An entry whose private fields cannot be removed (a format exiv2 cannot write) is left out
// and named in `skipped`, with the reason, rather than sent with them.
[[nodiscard]] Result<void> write_zip(int fd, const std::vector<ZipEntry>& entries,
                                     const std::filesystem::path& scratch,
                                     std::vector<std::string>* skipped = nullptr);

// A copy of `original` in `scratch` without location (unless `keep_location`) and serial
// numbers, for sending; the caller removes it. Fails with the reason when the format does not
// allow it.
[[nodiscard]] Result<std::filesystem::path> cleaned_copy(const std::filesystem::path& original,
                                                         const std::filesystem::path& scratch,
                                                         bool keep_location);

}  // namespace vern::proofing
