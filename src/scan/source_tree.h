#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/image_format.h"
#include "core/result.h"

namespace vern::scan {

// A file that belongs to a photo without being published as one: an XMP sidecar, or the other
// half of a RAW+JPEG pair.
struct AttachedFile {
  std::filesystem::path absolute_path;
  std::uintmax_t size_bytes = 0;
  std::int64_t mtime_ns = 0;
  ImageFormat format = ImageFormat::kJpeg;  // a companion's; unused for sidecars
};

// One photograph found under the photo root.
struct SourceFile {
  std::filesystem::path absolute_path;
  std::string relative_path;  // from the photo root, '/'-separated, as the file system spells it
  ImageFormat format = ImageFormat::kJpeg;
  std::uintmax_t size_bytes = 0;
  std::int64_t mtime_ns = 0;
  // XMP sidecars beside it, the most specific first: darktable's NAME.EXT.xmp, then Adobe's
  // NAME.xmp (which a RAW+JPEG pair shares).
  std::vector<AttachedFile> sidecars;
  // The other file of a RAW+JPEG pair (same folder, same name but for the extension): one photo,
  // published from this file; the companion is listed with it and never published on its own.
  std::vector<AttachedFile> companions;
};

// The sidecars' and companions' names, sizes and modification times in one line, which the
// catalogue keeps beside the photo's own size and mtime: a changed sidecar is a changed photo.
// "" when the photo has neither.
std::string attached_stamp(const SourceFile& file);

// A folder of the photo tree. Every folder that holds photos, or holds folders that do, is an
// album; `relative_path` is "" for the root.
struct Folder {
  std::string relative_path;
  std::string name;                      // the folder's own name; "" for the root
  std::vector<SourceFile> photos;        // sorted by file name
  std::vector<Folder> children;          // sorted by folder name; empty folders left out
  std::vector<std::string> other_files;  // non-image files (album.toml, sidecars), by name
};

// Which file of a RAW+JPEG pair is the photo: the JPEG, as the photographer made it, or the RAW,
// developed here.
enum class PairPreference { kJpeg, kRaw };

// "jpeg", "raw"; nullopt for anything else.
std::optional<PairPreference> pair_preference_from_name(std::string_view name);

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
  PairPreference prefer = PairPreference::kJpeg;
};

// Walks `root` recursively. Hidden entries (names starting with '.') are skipped; symbolic links
// are followed, each real folder visited once. Formats are recognised by content (and, for the
// camera RAWs that are TIFF inside, by extension: photo_format()). XMP sidecars are attached to
// their photo, and a RAW and a JPEG of the same name in one folder become one photo (see
// SourceFile). Ordering is deterministic: byte order of names at every level.
//
// Fails only when `root` itself is not a readable folder.
[[nodiscard]] Result<ScanResult> scan_tree(const std::filesystem::path& root,
                                           const ScanOptions& options = {});

// One file as the scan would find it, with the XMP sidecars beside it (no RAW+JPEG pairing):
// `vernissage info` looks at files one by one. Fails naming the file when it cannot be read or is
// not an image in a format recognised here.
[[nodiscard]] Result<SourceFile> scan_file(const std::filesystem::path& file);

// Folders and photos of the whole tree, depth first, in the scan's order.
std::vector<const SourceFile*> all_photos(const Folder& root);

}  // namespace vern::scan
