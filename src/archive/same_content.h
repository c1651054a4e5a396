#pragma once

#include <filesystem>
#include <string>

#include "catalogue/photo_record.h"

namespace vern::archive {

// One rule for `build` and `index` alike: a file whose content hash equals a catalogued photo's
// (its twin) shows the same picture, and when the twin's file is gone, it is the same photo moved.

// What the twin's pixels told (the placeholder, and the perceptual hash with the decode problem
// found while making it) holds for `record`, freshly read from a file of the same content: each
// fact `record` lacks is taken from `twin`. Facts `record` has (a perceptual hash this read
// computed, say) are kept.
void take_picture_facts(const catalogue::PhotoRecord& twin, catalogue::PhotoRecord& record);

// True when a file new to the catalogue is its twin at `twin_path` moved (renamed, or taken to
// another folder): the twin's file is gone. The new file then takes the twin's identity (its id,
// and whatever is attached to it) instead of becoming a photo of its own. A file that cannot be
// looked at counts as gone.
[[nodiscard]] bool twin_was_moved(const std::filesystem::path& twin_path);

}  // namespace vern::archive
