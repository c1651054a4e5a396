#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"
#include "imaging/image_header.h"
#include "imaging/libvips.h"

namespace vern::imaging {

// A 64-bit perceptual hash: the DCT hash of pHash (Zauner 2010). The upright picture is shrunk
// to 32×32 grey, and each of its 8×8 lowest frequencies (the constant term left out) gives one
// bit: above or below their median. Copies of one photo that differ in size, compression or
// metadata, or by a light crop, lie a few bits apart; unrelated photos about 32 bits apart.
// See docs/duplicates.md for the measured distances and the threshold `duplicates` uses.
struct PerceptualHash {
  std::uint64_t bits = 0;
  bool from_embedded_thumbnail = false;  // which picture was hashed (for tests and --verbose)
};

// How every failure of perceptual_hash() begins: the catalogue keeps the message as the photo's
// decode problem, and an index then knows the hash was tried (rather than a build having found
// the picture damaged, which leaves the hash still to make).
inline constexpr std::string_view kSimilarityHashFailure = "cannot decode for the similarity hash";

// True when `decode_problem` (as the catalogue keeps it) says perceptual_hash() failed.
inline bool is_similarity_hash_failure(std::string_view decode_problem) {
  return decode_problem.starts_with(kSimilarityHashFailure);
}

// Hashes the photo in `bytes`. When a thumbnail is embedded (`embedded_thumbnail`: the camera's
// EXIF thumbnail or an Adobe export's Photoshop thumbnail, as metadata::read_metadata hands it
// back) whose shape agrees with the photo, that thumbnail is hashed instead of decoding the
// photo: a few kilobytes instead of megapixels, which keeps an index run near the speed of
// reading metadata. Letterbox bars that cameras add to fit a 4:3 thumbnail are cut off and the
// photo's orientation applied, so both routes hash the same upright picture. `header` is the
// photo's own (read_header). JPEGs are decoded with libjpeg alone; other pictures with `libvips`.
// Fails only when neither the thumbnail nor the photo decodes.
[[nodiscard]] Result<PerceptualHash> perceptual_hash(
    std::span<const unsigned char> bytes, std::span<const unsigned char> embedded_thumbnail,
    const ImageHeader& header, const std::string& path, const Libvips& libvips);

// Number of differing bits, 0..64.
[[nodiscard]] inline int hamming_distance(std::uint64_t a, std::uint64_t b) {
  return __builtin_popcountll(a ^ b);
}

}  // namespace vern::imaging
