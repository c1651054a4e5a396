#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/photo_metadata.h"

namespace vern::catalogue {

// What the catalogue knows about one file: enough to publish it again without reading it, as
// long as its size and modification time are unchanged.
struct PhotoRecord {
  // The photo's identity in this catalogue, assigned when first recorded (0 until then). It
  // stays with the photo when the file is moved, so what is attached to it follows.
  std::int64_t id = 0;
  std::string path;  // absolute
  std::uintmax_t size_bytes = 0;
  std::int64_t mtime_ns = 0;
  std::string content_hash;
  std::string format;          // format_name() of the container
  PhotoMetadata metadata;      // as read (location included; policies apply when publishing)
  std::string thumbhash;       // base64; empty until a decode computed it
  std::string decode_problem;  // set when the pixels decoded only in part
  // 64-bit DCT hash of the picture (see imaging/perceptual_hash.h); unset until `index` made it.
  std::optional<std::uint64_t> perceptual_hash;
  bool missing = false;  // the file was not found at the last index
  // The sidecars and a pair's other file as scan::attached_stamp() describes them: part of what
  // must be unchanged for the record to stand.
  std::string attached;
  std::vector<std::string> companions;  // absolute paths of a RAW+JPEG pair's other file
  // The orientation tag in the file itself when metadata.orientation overrules it (a sidecar's
  // tiff:Orientation, or a tag the pixels contradict); 0 when the file's own tag stands.
  int file_orientation = 0;
};

}  // namespace vern::catalogue
