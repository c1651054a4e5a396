#pragma once

#include "core/photo_metadata.h"

namespace vern {

// The metadata a published page or feed may show. Location is dropped unless the photographer
// opted in (--keep-location); PhotoMetadata holds no serial numbers to begin with.
inline PhotoMetadata publishable_metadata(PhotoMetadata metadata, bool keep_location) {
  if (!keep_location) metadata.gps.reset();
  metadata.warnings.clear();
  return metadata;
}

}  // namespace vern
