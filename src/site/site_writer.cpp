#include "site/site_writer.h"

#include <fstream>
#include <iterator>
#include <system_error>

#include "core/atomic_write.h"

namespace vern::site {
namespace {

bool has_contents(const std::filesystem::path& path, const std::string& contents) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size != contents.size()) return false;
  std::ifstream in(path, std::ios::binary);
  const std::string current((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return current == contents;
}

}  // namespace

Result<WriteReport> write_site_files(const std::filesystem::path& site_root,
                                     const std::vector<SiteFile>& files, bool dry_run) {
  WriteReport report;
  for (const auto& file : files) {
    const auto path = site_root / file.relative_path;
    if (has_contents(path, file.contents)) {
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
