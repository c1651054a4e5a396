#include "imaging/perceptual_hash.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <numbers>
#include <optional>
#include <vips/vips8>

#include "imaging/detail/jpeg_luma.h"
#include "imaging/detail/vips_error.h"

namespace vern::imaging {
namespace {

using detail::GreyPicture;
using vips::VImage;

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

// A picture's grey levels, decoded in one libvips pipeline, for what libjpeg alone does not
// decode (other formats, CMYK JPEGs). Everything after this is plain arithmetic on at most a few
// hundred pixels: each further libvips operation would cost more (a pipeline per operation)
// than the hash itself.
GreyPicture grey_levels(VImage picture) {
  if (picture.format() == VIPS_FORMAT_UCHAR && picture.bands() == 3 &&
      picture.interpretation() == VIPS_INTERPRETATION_sRGB) {
    // The usual case (every camera thumbnail): decode only, and weigh the channels here
    // (Rec. 601 luma, as libvips' own sRGB to grey conversion of 8-bit pixels).
    std::size_t size = 0;
    const std::unique_ptr<unsigned char, decltype(&g_free)> memory(
        static_cast<unsigned char*>(picture.write_to_memory(&size)), &g_free);
    GreyPicture grey{picture.width(), picture.height(), picture.width(), picture.height(), {}};
    const std::size_t count = static_cast<std::size_t>(grey.width) * grey.height;
    if (size < count * 3) throw vips::VError("short picture");
    grey.pixels.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      const unsigned char* rgb = memory.get() + 3 * i;
      grey.pixels[i] = 0.299f * rgb[0] + 0.587f * rgb[1] + 0.114f * rgb[2];
    }
    return grey;
  }
  if (picture.has_alpha()) picture = picture.flatten(VImage::option()->set("background", 255.0));
  picture = picture.colourspace(VIPS_INTERPRETATION_B_W);
  if (picture.bands() > 1) picture = picture.extract_band(0);
  picture = picture.cast(VIPS_FORMAT_FLOAT);
  std::size_t size = 0;
  const std::unique_ptr<float, decltype(&g_free)> memory(
      static_cast<float*>(picture.write_to_memory(&size)), &g_free);
  GreyPicture grey{picture.width(), picture.height(), picture.width(), picture.height(), {}};
  if (size < sizeof(float) * grey.width * grey.height) throw vips::VError("short picture");
  grey.pixels.assign(memory.get(), memory.get() + grey.width * grey.height);
  return grey;
}

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
                                            const ImageHeader& header) {
  if (thumbnail.empty()) return std::nullopt;
  GreyPicture grey;
  const bool jpeg = thumbnail.size() > 2 && thumbnail[0] == 0xFF && thumbnail[1] == 0xD8;
  // Camera thumbnails are JPEG; libvips reads the rare other kind (an uncompressed EXIF one).
  Result<GreyPicture> luma = jpeg ? detail::decode_jpeg_luma(thumbnail, kMinDecodeEdge)
                                  : fail(ErrorCode::kUnsupported, "not a JPEG thumbnail");
  if (luma) {
    grey = std::move(*luma);
  } else if (luma.error().code == ErrorCode::kUnsupported) {
    try {
      grey = grey_levels(
          VImage::new_from_buffer(thumbnail.data(), thumbnail.size(), "",
                                  VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL)));
    } catch (const vips::VError&) {
      vips_error_clear();
      return std::nullopt;
    }
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
                                       const ImageHeader& header, const std::string& path) {
  try {
    if (const auto hash = thumbnail_hash(embedded_thumbnail, header))
      return PerceptualHash{*hash, true};
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
                    "cannot decode for the similarity hash: " + luma.error().message, path);
      }
      // CMYK and RGB JPEGs need thumbnail()'s colour management to look like the photo.
    }
    // thumbnail() applies the orientation itself and shrinks while decoding.
    VipsBlob* blob = vips_blob_new(nullptr, bytes.data(), bytes.size());
    const std::unique_ptr<VipsArea, decltype(&vips_area_unref)> owner(VIPS_AREA(blob),
                                                                      &vips_area_unref);
    const VImage picture =
        VImage::thumbnail_buffer(blob, kDecodeEdge, VImage::option()->set("height", kDecodeEdge));
    const auto grey = grey_levels(picture);
    return PerceptualHash{hash_grid(shrink(grey, 0, 0, grey.width, grey.height)), false};
  } catch (const vips::VError& e) {
    return fail(ErrorCode::kCorrupt,
                "cannot decode for the similarity hash: " + detail::describe(e), path);
  }
}

}  // namespace vern::imaging
