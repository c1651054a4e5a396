#pragma once

#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalogue/catalogue.h"
#include "catalogue/photo_record.h"
#include "core/result.h"
#include "imaging/libvips.h"
#include "scan/source_tree.h"

namespace vern::archive {

// The path under which the catalogue records a photo: absolute and normalised.
std::string catalogue_key(const std::filesystem::path& path);

// True when `path` lies below one of `folders` (catalogue keys; a trailing '/' is allowed).
[[nodiscard]] bool is_under(const std::string& path, const std::vector<std::string>& folders);

// The catalogue's records by catalogue_key, loaded once per run: a build or an index looks up
// every photo, and one query is far cheaper than one per photo.
using KnownPhotos = std::unordered_map<std::string, catalogue::PhotoRecord>;
[[nodiscard]] Result<KnownPhotos> load_known_photos(catalogue::Catalogue& catalogue);

// A scan::ScanOptions::known_format that answers from `known` (which must outlive the scan):
// files the catalogue knows unchanged need not be opened to learn their format.
[[nodiscard]] decltype(scan::ScanOptions::known_format) known_format_from(const KnownPhotos& known);

// True when a quarter-turn orientation tag contradicts the pixels: the EXIF block records the
// size of the picture turned by 90° from how it is stored. Some tool turned the pixels and left
// the tag; the picture is then upright as stored.
[[nodiscard]] bool orientation_contradicts_pixels(
    int orientation, int stored_width, int stored_height,
    const std::optional<std::pair<int, int>>& recorded);

struct FactOptions {
  long long max_pixels = 0;      // larger photos are refused from their header
  bool perceptual_hash = false;  // also hash the picture for duplicates (see perceptual_hash.h)
};

// Everything the catalogue records about a photo, from its bytes read once: content hash,
// header (size as displayed, orientation), metadata merged with its XMP sidecars (read here;
// docs/metadata-precedence.md), a RAW+JPEG pair's other file, and on request the perceptual hash.
// Problems that leave the record usable (a malformed field, an undecodable picture for the hash)
// are added to `warnings`. `libvips` is loaded only for a picture libjpeg cannot read. Fails when
// the file is not an image this build can read, naming the reason.
[[nodiscard]] Result<catalogue::PhotoRecord> read_photo_facts(std::span<const unsigned char> bytes,
                                                              const scan::SourceFile& source,
                                                              const FactOptions& options,
                                                              const imaging::Libvips& libvips,
                                                              std::vector<std::string>& warnings);

}  // namespace vern::archive
