#include "imaging/perceptual_hash.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <optional>

#include "imaging/detail/jpeg_luma.h"
#include "imaging/detail/libvips_functions.h"

namespace vern::imaging {
namespace {

using detail::GreyPicture;

constexpr int kSide = 32;        // the picture is hashed at 32×32
constexpr int kFrequencies = 8;  // the 8×8 lowest frequencies, less the constant term
// Below this, an EXIF thumbnail is too coarse to stand for the photo (cameras write 160×120).
constexpr int kMinThumbnailEdge = 96;
// A photo other than JPEG is decoded to fit this box when it has no usable thumbnail.
constexpr int kDecodeEdge = 160;
// A JPEG is decoded at the smallest libjpeg scale that keeps this many pixels on its short edge.
constexpr int kMinDecodeEdge = 64;

// cos((2x + 1) u π / 64) for u = 0..8, x = 0..31: the DCT-II basis the hash needs.
const std::array<std::array<double, kSide>, kFrequencies + 1>& cosines() {
  static const auto table = [] {
    std::array<std::array<double, kSide>, kFrequencies + 1> t{};
    for (int u = 0; u <= kFrequencies; ++u) {
      for (int x = 0; x < kSide; ++x) {
        t[u][x] = std::cos((2 * x + 1) * u * std::numbers::pi / (2.0 * kSide));
      }
    }
    return t;
  }();
  return table;
}

using Grid = std::array<double, kSide * kSide>;

// The area [left, left + width) × [top, top + height) of the picture averaged into 32×32 cells.
Grid shrink(const GreyPicture& grey, int left, int top, int width, int height) {
  Grid grid{};
  for (int gy = 0; gy < kSide; ++gy) {
    const int y0 = top + gy * height / kSide;
    const int y1 = std::max(y0 + 1, top + (gy + 1) * height / kSide);
    for (int gx = 0; gx < kSide; ++gx) {
      const int x0 = left + gx * width / kSide;
      const int x1 = std::max(x0 + 1, left + (gx + 1) * width / kSide);
      double sum = 0;
      for (int y = y0; y < y1; ++y) {
        for (int x = x0; x < x1; ++x)
          sum += grey.pixels[static_cast<std::size_t>(y) * grey.width + x];
      }
      grid[gy * kSide + gx] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return grid;
}

// The 32×32 grid of a stored picture turned as EXIF orientation `o` says it is displayed.
Grid upright(const Grid& stored, int o) {
  if (o <= 1 || o > 8) return stored;
  Grid out{};
  constexpr int n = kSide - 1;
  for (int y = 0; y < kSide; ++y) {
    for (int x = 0; x < kSide; ++x) {
      // Where the displayed cell (x, y) comes from in the stored grid.
      int sx = x, sy = y;
      switch (o) {
        case 2:
          sx = n - x;
          break;  // mirrored
        case 3:
          sx = n - x;
          sy = n - y;
          break;  // half turn
        case 4:
          sy = n - y;
          break;  // mirrored vertically
        case 5:
          sx = y;
          sy = x;
          break;  // transposed
        case 6:
          sx = y;
          sy = n - x;
          break;  // turned 90° clockwise for display
        case 7:
          sx = n - y;
          sy = n - x;
          break;  // transverse
        case 8:
          sx = n - y;
          sy = x;
          break;  // turned 90° anticlockwise for display
      }
      out[y * kSide + x] = stored[sy * kSide + sx];
    }
  }
  return out;
}

// The DCT hash of an upright 32×32 grid.
std::uint64_t hash_grid(const Grid& pixels) {
  const auto& c = cosines();
  // Separable 2-D DCT, only the wanted frequencies: rows first, then columns.
  std::array<std::array<double, kFrequencies + 1>, kSide> rows{};
  for (int y = 0; y < kSide; ++y) {
    for (int u = 1; u <= kFrequencies; ++u) {
      double sum = 0;
      for (int x = 0; x < kSide; ++x) sum += pixels[y * kSide + x] * c[u][x];
      rows[y][u] = sum;
    }
  }
  std::array<double, kFrequencies * kFrequencies> coefficients{};
  for (int v = 1; v <= kFrequencies; ++v) {
    for (int u = 1; u <= kFrequencies; ++u) {
      double sum = 0;
      for (int y = 0; y < kSide; ++y) sum += rows[y][u] * c[v][y];
      coefficients[(v - 1) * kFrequencies + (u - 1)] = sum;
    }
  }
  auto sorted = coefficients;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  const double median = sorted[sorted.size() / 2];
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < coefficients.size(); ++i) {
    if (coefficients[i] > median) bits |= std::uint64_t{1} << i;
  }
  return bits;
}

// The hash from the EXIF thumbnail, cut to the photo's proportions and turned upright, or
// nullopt when it cannot stand for the photo (too small, undecodable, or shaped otherwise: an
// editor rotated the pixels and kept the camera's thumbnail).
std::optional<std::uint64_t> thumbnail_hash(std::span<const unsigned char> thumbnail,
                                            const ImageHeader& header, const Libvips& libvips) {
  if (thumbnail.empty()) return std::nullopt;
  GreyPicture grey;
  const bool jpeg = thumbnail.size() > 2 && thumbnail[0] == 0xFF && thumbnail[1] == 0xD8;
  // Camera thumbnails are JPEG; libvips reads the rare other kind (an uncompressed EXIF one).
  Result<GreyPicture> luma = jpeg ? detail::decode_jpeg_luma(thumbnail, kMinDecodeEdge)
                                  : fail(ErrorCode::kUnsupported, "not a JPEG thumbnail");
  if (luma) {
    grey = std::move(*luma);
  } else if (luma.error().code == ErrorCode::kUnsupported) {
    const auto functions = libvips.functions();
    if (!functions) return std::nullopt;
    auto decoded = (*functions)->grey_picture(thumbnail, 0);
    if (!decoded) return std::nullopt;
    grey = std::move(*decoded);
  } else {
    return std::nullopt;
  }
  if (std::max(grey.full_width, grey.full_height) < kMinThumbnailEdge) return std::nullopt;
  // The photo as stored, before its orientation is applied: the thumbnail is stored alike.
  const bool turned = header.orientation >= 5;
  const double stored_aspect = static_cast<double>(turned ? header.height : header.width) /
                               (turned ? header.width : header.height);
  const double thumb_aspect = static_cast<double>(grey.width) / grey.height;
  if ((stored_aspect > 1.05 && thumb_aspect < 0.95) ||
      (stored_aspect < 0.95 && thumb_aspect > 1.05)) {
    return std::nullopt;
  }
  // Letterbox or pillarbox bars: keep the centre with the photo's proportions.
  int left = 0, top = 0, width = grey.width, height = grey.height;
  if (thumb_aspect > stored_aspect * 1.02) {
    width = static_cast<int>(std::lround(grey.height * stored_aspect));
    left = (grey.width - width) / 2;
  } else if (thumb_aspect < stored_aspect / 1.02) {
    height = static_cast<int>(std::lround(grey.width / stored_aspect));
    top = (grey.height - height) / 2;
  }
  return hash_grid(upright(shrink(grey, left, top, width, height), header.orientation));
}

}  // namespace

Result<PerceptualHash> perceptual_hash(std::span<const unsigned char> bytes,
                                       std::span<const unsigned char> embedded_thumbnail,
                                       const ImageHeader& header, const std::string& path,
                                       const Libvips& libvips) {
  if (const auto hash = thumbnail_hash(embedded_thumbnail, header, libvips))
    return PerceptualHash{*hash, true};
  if (header.loader == "libraw") {
    // A camera RAW: its JPEG preview stands for it, as a camera thumbnail does for a JPEG.
    const auto functions = libvips.functions();
    if (!functions) return fail(functions.error().code, functions.error().describe(), path);
    auto preview = (*functions)->raw_preview(bytes, path);
    if (!preview) {
      return fail(ErrorCode::kCorrupt,
                  std::string(kSimilarityHashFailure) + ": " + preview.error().message, path);
    }
    auto luma = detail::decode_jpeg_luma(preview->first, kMinDecodeEdge);
    if (!luma) {
      return fail(
          ErrorCode::kCorrupt,
          std::string(kSimilarityHashFailure) + " (its RAW preview): " + luma.error().message,
          path);
    }
    return PerceptualHash{
        hash_grid(upright(shrink(*luma, 0, 0, luma->width, luma->height), preview->second)), false};
  }
  if (header.loader.starts_with("jpegload")) {
    // libjpeg's 1/8 decode (each block's mean) is all a 32×32 grid needs. The grid is turned
    // upright as a thumbnail's is.
    auto luma = detail::decode_jpeg_luma(bytes, kMinDecodeEdge);
    if (luma) {
      return PerceptualHash{
          hash_grid(upright(shrink(*luma, 0, 0, luma->width, luma->height), header.orientation)),
          false};
    }
    if (luma.error().code != ErrorCode::kUnsupported) {
      return fail(ErrorCode::kCorrupt,
                  std::string(kSimilarityHashFailure) + ": " + luma.error().message, path);
    }
    // CMYK and RGB JPEGs need thumbnail()'s colour management to look like the photo.
  }
  const auto functions = libvips.functions();
  if (!functions) return fail(functions.error().code, functions.error().describe(), path);
  // Decoded upright, shrunk to fit the box.
  const auto grey = (*functions)->grey_picture(bytes, kDecodeEdge);
  if (!grey) {
    return fail(ErrorCode::kCorrupt,
                std::string(kSimilarityHashFailure) + ": " + grey.error().message, path);
  }
  return PerceptualHash{hash_grid(shrink(*grey, 0, 0, grey->width, grey->height)), false};
}

}  // namespace vern::imaging
