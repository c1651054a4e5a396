#pragma once

#include "scan/source_tree.h"

namespace vern::scan {

// Gives each photo of `folder` (its photos and other_files listed, as the walk found them) its
// XMP sidecars from other_files, and folds each RAW+JPEG pair into one photo: the preferred file
// stays in `photos` with the other as its companion (and the sidecars of both). A name shared by
// more than one RAW or more than one JPEG (IMG_1.CR2, IMG_1.cr2) is left as separate photos:
// which belongs to which cannot be told.
void attach_sidecars_and_pairs(Folder& folder, PairPreference prefer);

}  // namespace vern::scan
