#include "archive/same_content.h"

#include "core/file_bytes.h"

namespace vern::archive {

void take_picture_facts(const catalogue::PhotoRecord& twin, catalogue::PhotoRecord& record) {
  if (record.thumbhash.empty()) record.thumbhash = twin.thumbhash;
  // The perceptual hash and the decode problem come from one look at the pixels: both from this
  // read, or both from the twin's.
  const bool looked_at_pixels = record.perceptual_hash || !record.decode_problem.empty();
  if (!looked_at_pixels) {
    record.perceptual_hash = twin.perceptual_hash;
    record.decode_problem = twin.decode_problem;
  }
}

bool twin_was_moved(const std::filesystem::path& twin_path) { return !path_exists(twin_path); }

}  // namespace vern::archive
