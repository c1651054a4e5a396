#pragma once

#include <cstdint>
#include <string>

#include "core/photo_metadata.h"

namespace vern::catalogue {

// What the catalogue knows about one file: enough to publish it again without reading it, as
// long as its size and modification time are unchanged.
struct PhotoRecord {
  std::string path;  // absolute
  std::uintmax_t size_bytes = 0;
  std::int64_t mtime_ns = 0;
  std::string content_hash;
  std::string format;        // format_name() of the container
  PhotoMetadata metadata;    // as read (location included; policies apply when publishing)
  std::string thumbhash;     // base64; empty until a decode computed it
  std::string decode_problem;  // set when the pixels decoded only in part
  bool missing = false;      // the file was not found at the last index
};

}  // namespace vern::catalogue
