#include "scan/attached_files.h"

#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "core/ascii_case.h"

namespace vern::scan {
namespace {

// "IMG_1.CR2" -> "img_1": what a pair shares.
std::string stem_of(const std::string& file_name) {
  const auto dot = file_name.find_last_of('.');
  return ascii_lower(dot == std::string::npos || dot == 0 ? file_name : file_name.substr(0, dot));
}

std::optional<AttachedFile> attached(const std::filesystem::path& path, ImageFormat format) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return AttachedFile{
      path, static_cast<std::uintmax_t>(st.st_size),
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec, format};
}

// The sidecars of `photo` among the folder's other files, by their lower-case names.
void attach_sidecars(SourceFile& photo, const std::map<std::string, std::string>& xmp_files) {
  const std::string name = photo.absolute_path.filename().string();
  for (const std::string& wanted : {ascii_lower(name) + ".xmp", stem_of(name) + ".xmp"}) {
    const auto it = xmp_files.find(wanted);
    if (it == xmp_files.end()) continue;
    const auto path = photo.absolute_path.parent_path() / it->second;
    const bool known = std::any_of(photo.sidecars.begin(), photo.sidecars.end(),
                                   [&](const AttachedFile& s) { return s.absolute_path == path; });
    if (known) continue;
    if (auto file = attached(path, ImageFormat::kJpeg)) photo.sidecars.push_back(std::move(*file));
  }
}

}  // namespace

void attach_sidecars_and_pairs(Folder& folder, PairPreference prefer) {
  std::map<std::string, std::string> xmp_files;  // lower-case name -> name
  for (const auto& name : folder.other_files) {
    if (ascii_lower(name).ends_with(".xmp")) xmp_files.emplace(ascii_lower(name), name);
  }
  if (!xmp_files.empty()) {
    for (auto& photo : folder.photos) attach_sidecars(photo, xmp_files);
  }

  // Pairs: per stem, the indices of the RAWs and of the JPEGs.
  std::map<std::string, std::pair<std::vector<std::size_t>, std::vector<std::size_t>>> by_stem;
  for (std::size_t i = 0; i < folder.photos.size(); ++i) {
    const auto& photo = folder.photos[i];
    auto& entry = by_stem[stem_of(photo.absolute_path.filename().string())];
    if (photo.format == ImageFormat::kRaw) entry.first.push_back(i);
    if (photo.format == ImageFormat::kJpeg) entry.second.push_back(i);
  }
  std::vector<bool> folded(folder.photos.size(), false);
  for (const auto& [stem, files] : by_stem) {
    if (files.first.size() != 1 || files.second.size() != 1) continue;
    const std::size_t raw = files.first.front(), jpeg = files.second.front();
    const std::size_t kept = prefer == PairPreference::kRaw ? raw : jpeg;
    const std::size_t other = kept == raw ? jpeg : raw;
    SourceFile& photo = folder.photos[kept];
    const SourceFile& companion = folder.photos[other];
    photo.companions.push_back(
        {companion.absolute_path, companion.size_bytes, companion.mtime_ns, companion.format});
    for (const auto& sidecar : companion.sidecars) {
      const bool known = std::any_of(
          photo.sidecars.begin(), photo.sidecars.end(),
          [&](const AttachedFile& s) { return s.absolute_path == sidecar.absolute_path; });
      if (!known) photo.sidecars.push_back(sidecar);
    }
    folded[other] = true;
  }
  std::vector<SourceFile> photos;
  photos.reserve(folder.photos.size());
  for (std::size_t i = 0; i < folder.photos.size(); ++i) {
    if (!folded[i]) photos.push_back(std::move(folder.photos[i]));
  }
  folder.photos = std::move(photos);
}

}  // namespace vern::scan
