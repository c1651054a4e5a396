#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "core/photo_metadata.h"
#include "core/result.h"

namespace vern::metadata {

// Reads one XMP sidecar (NAME.xmp or NAME.EXT.xmp, as Lightroom, Capture One and darktable write
// them) into the same fields a photo's own XMP fills: title, caption, keywords (dc:subject and
// the leaves of lr:hierarchicalSubject), rating, label, creator, copyright, orientation, capture
// time. Fails naming the file when it cannot be read or is not XMP.
[[nodiscard]] Result<PhotoMetadata> read_sidecar(const std::filesystem::path& file);

// `sidecar` merged into `photo`, following docs/metadata-precedence.md: for a camera RAW every
// field the sidecar sets wins (the editor's work is there; Lightroom never writes into a RAW);
// for other formats the file's own field wins and the sidecar fills what it leaves empty, except
// orientation, which a sidecar sets only when someone chose it. Keywords: the sidecar's list
// replaces a RAW's, and is added to any other file's. Returns true when the sidecar set the
// orientation.
bool merge_sidecar(PhotoMetadata& photo, const PhotoMetadata& sidecar, bool camera_raw);

}  // namespace vern::metadata
