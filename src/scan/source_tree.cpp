#include "scan/source_tree.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <set>
#include <system_error>
#include <utility>

#include "core/ascii_case.h"
#include "scan/attached_files.h"

namespace vern::scan {
namespace {

namespace fs = std::filesystem;

// Extensions under which a photographer expects a photo. A file so named whose content is not a
// recognised image is reported; any other unrecognised file is quietly left alone.
bool has_image_extension(const fs::path& path) {
  static const std::set<std::string> kExtensions = {
      ".jpg", ".jpeg", ".jpe", ".png", ".tif", ".tiff", ".webp", ".heic", ".heif", ".avif",
      ".hif", ".cr2",  ".cr3", ".nef", ".nrw", ".arw",  ".dng",  ".orf",  ".rw2",  ".raf",
      ".pef", ".srw",  ".x3f", ".3fr", ".iiq", ".erf",  ".kdc",  ".mrw"};
  return kExtensions.contains(ascii_lower(path.extension().string()));
}

struct FileIdentity {
  dev_t device;
  ino_t inode;
  auto operator<=>(const FileIdentity&) const = default;
};

class Walker {
 public:
  Walker(const fs::path& root, const ScanOptions& options, ScanResult& result)
      : root_(root), options_(options), result_(result) {}

  // Fills `folder` from the directory at `path`; problems are recorded and the walk goes on.
  void walk(const fs::path& path, Folder& folder) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      problem(ErrorCode::kIo, "cannot read folder", path);
      return;
    }
    if (!visited_.insert({st.st_dev, st.st_ino}).second) {
      problem(ErrorCode::kInvalidInput, "folder already visited through a symbolic link; skipped",
              path);
      return;
    }

    std::vector<std::pair<std::string, fs::path>> entries;
    std::error_code ec;
    fs::directory_iterator it(path, ec);
    if (ec) {
      problem(ErrorCode::kIo, "cannot read folder: " + ec.message(), path);
      return;
    }
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
      if (ec) {
        problem(ErrorCode::kIo, "cannot list folder: " + ec.message(), path);
        break;
      }
      const std::string name = it->path().filename().string();
      if (name.empty() || name.front() == '.') continue;
      entries.emplace_back(name, it->path());
    }
    std::sort(entries.begin(), entries.end());

    for (const auto& [name, entry] : entries) {
      if (is_excluded(entry)) continue;
      struct stat entry_stat {};
      if (::stat(entry.c_str(), &entry_stat) != 0) {
        problem(ErrorCode::kIo, "cannot read (broken link or no permission)", entry);
        continue;
      }
      if (S_ISDIR(entry_stat.st_mode)) {
        Folder child;
        child.name = name;
        child.relative_path = relative(entry);
        walk(entry, child);
        if (!child.photos.empty() || !child.children.empty()) {
          folder.children.push_back(std::move(child));
        }
      } else if (S_ISREG(entry_stat.st_mode)) {
        add_file(entry, name, entry_stat, folder);
      }
    }
    attach_sidecars_and_pairs(folder, options_.prefer);
  }

  // Adds the regular file at `path` to `folder`: to its photos when it is an image, else to its
  // other files (a file named as an image but not one is a problem).
  void add_file(const fs::path& path, const std::string& name, const struct stat& st,
                Folder& folder) {
    const auto size = static_cast<std::uintmax_t>(st.st_size);
    const std::int64_t mtime_ns =
        static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    if (options_.known_format) {
      if (const auto format = options_.known_format(path, size, mtime_ns)) {
        folder.photos.push_back({path, relative(path), *format, size, mtime_ns});
        return;
      }
    }
    std::array<unsigned char, kFormatSniffBytes> head{};
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      problem(ErrorCode::kIo, "cannot open for reading (permission denied?)", path);
      return;
    }
    in.read(reinterpret_cast<char*>(head.data()), head.size());
    const auto got = static_cast<std::size_t>(in.gcount());
    const auto format = photo_format(std::span(head.data(), got), name);
    if (!format) {
      if (has_image_extension(path)) {
        problem(got == 0 ? ErrorCode::kCorrupt : ErrorCode::kUnsupported,
                got == 0 ? "empty file (0 bytes)" : "not an image in a format Vernissage reads",
                path);
      } else {
        folder.other_files.push_back(name);
      }
      return;
    }
    folder.photos.push_back({path, relative(path), *format, size, mtime_ns});
  }

 private:
  std::string relative(const fs::path& path) const {
    return path.lexically_relative(root_).generic_string();
  }

  bool is_excluded(const fs::path& path) const {
    std::error_code ec;
    return std::any_of(options_.excluded.begin(), options_.excluded.end(),
                       [&](const fs::path& x) { return fs::equivalent(path, x, ec); });
  }

  void problem(ErrorCode code, std::string message, const fs::path& path) {
    result_.problems.push_back(Error{code, std::move(message), path.string()});
  }

  const fs::path& root_;
  const ScanOptions& options_;
  ScanResult& result_;
  std::set<FileIdentity> visited_;
};

void collect(const Folder& folder, std::vector<const SourceFile*>& out) {
  for (const auto& photo : folder.photos) out.push_back(&photo);
  for (const auto& child : folder.children) collect(child, out);
}

}  // namespace

Result<ScanResult> scan_tree(const std::filesystem::path& root, const ScanOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    return fail(ErrorCode::kInvalidInput, "not a folder", root.string());
  }
  ScanResult result;
  Walker walker(root, options, result);
  walker.walk(root, result.root);
  return result;
}

Result<SourceFile> scan_file(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return fail(ErrorCode::kIo, "cannot read (no such file, or not a regular file)", file.string());
  }
  const fs::path folder_path = file.has_parent_path() ? file.parent_path() : fs::path(".");
  // The file's folder as the walk would see it: this photo, and the XMP files beside it.
  ScanResult result;
  const ScanOptions options;
  Walker walker(folder_path, options, result);
  Folder folder;
  walker.add_file(file, file.filename().string(), st, folder);
  if (folder.photos.empty()) {
    if (!result.problems.empty()) return tl::unexpected(result.problems.front());
    return fail(ErrorCode::kUnsupported, "not an image in a format Vernissage reads",
                file.string());
  }
  std::error_code ec;
  for (fs::directory_iterator it(folder_path, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (ascii_lower(name).ends_with(".xmp")) folder.other_files.push_back(name);
  }
  attach_sidecars_and_pairs(folder, PairPreference::kJpeg);
  return folder.photos.front();
}

std::optional<PairPreference> pair_preference_from_name(std::string_view name) {
  if (name == "jpeg") return PairPreference::kJpeg;
  if (name == "raw") return PairPreference::kRaw;
  return std::nullopt;
}

std::string attached_stamp(const SourceFile& file) {
  std::string stamp;
  const auto add = [&](const char* role, const AttachedFile& f) {
    if (!stamp.empty()) stamp += ';';
    stamp.append(role).append(" ").append(f.absolute_path.filename().string());
    stamp.append(" ").append(std::to_string(f.size_bytes));
    stamp.append(" ").append(std::to_string(f.mtime_ns));
  };
  for (const auto& sidecar : file.sidecars) add("xmp", sidecar);
  for (const auto& companion : file.companions) add("pair", companion);
  return stamp;
}

std::vector<const SourceFile*> all_photos(const Folder& root) {
  std::vector<const SourceFile*> out;
  collect(root, out);
  return out;
}

}  // namespace vern::scan
