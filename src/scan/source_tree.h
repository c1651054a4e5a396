#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/image_format.h"
#include "core/result.h"

namespace vern::scan {

// One photograph found under the photo root.
struct SourceFile {
  std::filesystem::path absolute_path;
  std::string relative_path;  // from the photo root, '/'-separated, as the file system spells it
  ImageFormat format = ImageFormat::kJpeg;
  std::uintmax_t size_bytes = 0;
  std::int64_t mtime_ns = 0;
};

// A folder of the photo tree. Every folder that holds photos, or holds folders that do, is an
// album; `relative_path` is "" for the root.
struct Folder {
  std::string relative_path;
  std::string name;                      // the folder's own name; "" for the root
  std::vector<SourceFile> photos;        // sorted by file name
  std::vector<Folder> children;          // sorted by folder name; empty folders left out
  std::vector<std::string> other_files;  // non-image files (album.toml, sidecars), by name
};

struct ScanResult {
  Folder root;
  // Files and folders that could not be used: unreadable, not an image despite an image name,
  // symlink loops. The scan goes on past each.
  std::vector<Error> problems;
};

struct ScanOptions {
  // A folder never descended into, e.g. the output folder when it lies under the photo root.
  std::vector<std::filesystem::path> excluded;
  // Tells the format of a file already known unchanged (by absolute path, size and mtime), so
  // that the scan need not open it; nullopt sends the file to content sniffing as usual.
  std::function<std::optional<ImageFormat>(const std::filesystem::path&, std::uintmax_t,
                                           std::int64_t)>
      known_format;
};

// Walks `root` recursively. Hidden entries (names starting with '.') are skipped; symbolic links
// are followed, each real folder visited once. Formats are recognised by content. Ordering is
// deterministic: byte order of names at every level.
//
// Fails only when `root` itself is not a readable folder.
[[nodiscard]] Result<ScanResult> scan_tree(const std::filesystem::path& root,
                                           const ScanOptions& options = {});

// Folders and photos of the whole tree, depth first, in the scan's order.
std::vector<const SourceFile*> all_photos(const Folder& root);

}  // namespace vern::scan
