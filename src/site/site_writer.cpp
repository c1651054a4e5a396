#include "site/site_writer.h"

#include <system_error>

#include "core/atomic_write.h"
#include "core/content_hash.h"
#include "core/file_bytes.h"

namespace vern::site {

bool file_has_contents(const std::filesystem::path& path, const std::string& contents) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size != contents.size()) return false;
  return read_text_file(path) == contents;
}

Result<WriteReport> write_site_files(const std::filesystem::path& site_root,
                                     const std::vector<SiteFile>& files,
                                     const std::map<std::string, std::string>& known_hashes,
                                     std::map<std::string, std::string>& hashes, bool dry_run) {
  WriteReport report;
  for (const auto& file : files) {
    const auto path = site_root / file.relative_path;
    const std::string hash = content_hash(file.contents);
    hashes[file.relative_path] = hash;
    const auto known = known_hashes.find(file.relative_path);
    std::error_code ec;
    const bool same = known != known_hashes.end()
                          ? known->second == hash &&
                                std::filesystem::file_size(path, ec) == file.contents.size() && !ec
                          : file_has_contents(path, file.contents);
    if (same) {
      ++report.unchanged;
      continue;
    }
    if (!dry_run) {
      if (auto r = write_file_atomically(path, file.contents); !r) return tl::unexpected(r.error());
    }
    ++report.written;
    report.changed.push_back(file.relative_path);
  }
  return report;
}

}  // namespace vern::site
