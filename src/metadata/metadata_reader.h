#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/photo_metadata.h"
#include "core/result.h"

namespace vern::metadata {

// Reads EXIF, IPTC and XMP from a whole image file already in memory and reconciles them into one
// PhotoMetadata, following docs/metadata-precedence.md. The caller reads the file once and shares
// the bytes with hashing and decoding, so no file is opened here. `path` only names the file in
// errors and warnings.
//
// Returns an error only when the container cannot be parsed at all (not an image, truncated
// beyond its headers). Malformed or hostile individual fields never fail the read: they are
// skipped and described in PhotoMetadata::warnings.
[[nodiscard]] Result<PhotoMetadata> read_metadata(std::span<const unsigned char> file_bytes,
                                                  const std::string& path);

// The same, also handing back the EXIF thumbnail (IFD1) the camera embedded, or else the JPEG
// thumbnail Photoshop or Lightroom embedded: a few kilobytes that the archive hashes instead of
// decoding megapixels (see imaging/perceptual_hash.h). Left empty when the file has neither.
[[nodiscard]] Result<PhotoMetadata> read_metadata(std::span<const unsigned char> file_bytes,
                                                  const std::string& path,
                                                  std::vector<unsigned char>* embedded_thumbnail);

// False when a lens name's focal lengths ("70-200mm", "50mm") exclude `focal_mm` (5 % either
// side). exiv2 names a lens from the maker's lens id, and several lenses share an id: the Canon
// EOS D30 sample in ../shared/photos/raw, shot at 31 mm, has an id exiv2 names
// "EF 70-200mm f/2.8L IS II USM". True when the name gives no focal length.
bool lens_covers_focal_length(const std::string& name, double focal_mm);

}  // namespace vern::metadata
