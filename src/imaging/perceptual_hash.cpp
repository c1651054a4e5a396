#include "imaging/perceptual_hash.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <numbers>
#include <optional>
#include <vips/vips8>

#include "imaging/detail/vips_error.h"

namespace vern::imaging {
namespace {

using vips::VImage;

constexpr int kSide = 32;        // the picture is hashed at 32×32
constexpr int kFrequencies = 8;  // the 8×8 lowest frequencies, less the constant term
// Below this, an EXIF thumbnail is too coarse to stand for the photo (cameras write 160×120).
constexpr int kMinThumbnailEdge = 96;
// The photo is decoded to fit this box when it has no usable thumbnail (shrink-on-load makes
// that cheap for JPEG).
constexpr int kDecodeEdge = 160;

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

// The hash of an upright picture of any size.
std::uint64_t hash_picture(VImage picture) {
  if (picture.has_alpha()) picture = picture.flatten(VImage::option()->set("background", 255.0));
  picture = picture.colourspace(VIPS_INTERPRETATION_B_W);
  if (picture.bands() > 1) picture = picture.extract_band(0);
  picture = picture.resize(
      static_cast<double>(kSide) / picture.width(),
      VImage::option()->set("vscale", static_cast<double>(kSide) / picture.height()));
  picture = picture.cast(VIPS_FORMAT_DOUBLE);
  std::size_t size = 0;
  std::unique_ptr<double, decltype(&g_free)> pixels(
      static_cast<double*>(picture.write_to_memory(&size)), &g_free);
  if (size < sizeof(double) * kSide * kSide) {
    throw vips::VError("the picture did not shrink to 32×32");
  }
  const auto& c = cosines();
  // Separable 2-D DCT, only the wanted frequencies: rows first, then columns.
  std::array<std::array<double, kFrequencies + 1>, kSide> rows{};
  for (int y = 0; y < kSide; ++y) {
    for (int u = 1; u <= kFrequencies; ++u) {
      double sum = 0;
      for (int x = 0; x < kSide; ++x) sum += pixels.get()[y * kSide + x] * c[u][x];
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

// The EXIF thumbnail cut to the photo's proportions and turned upright, or nullopt when it
// cannot stand for the photo (too small, undecodable, or shaped otherwise: an editor rotated
// the pixels and kept the camera's thumbnail).
std::optional<VImage> usable_thumbnail(std::span<const unsigned char> thumbnail,
                                       const ImageHeader& header) {
  if (thumbnail.empty()) return std::nullopt;
  VImage image;
  try {
    image = VImage::new_from_buffer(thumbnail.data(), thumbnail.size(), "").copy_memory();
  } catch (const vips::VError&) {
    vips_error_clear();
    return std::nullopt;
  }
  if (std::max(image.width(), image.height()) < kMinThumbnailEdge) return std::nullopt;
  // The photo as stored, before its orientation is applied: the thumbnail is stored alike.
  const bool turned = header.orientation >= 5;
  const double stored_aspect = static_cast<double>(turned ? header.height : header.width) /
                               (turned ? header.width : header.height);
  const double thumb_aspect = static_cast<double>(image.width()) / image.height();
  if ((stored_aspect > 1.05 && thumb_aspect < 0.95) ||
      (stored_aspect < 0.95 && thumb_aspect > 1.05)) {
    return std::nullopt;
  }
  // Letterbox or pillarbox bars: keep the centre with the photo's proportions.
  if (thumb_aspect > stored_aspect * 1.02) {
    const int width = static_cast<int>(std::lround(image.height() * stored_aspect));
    image = image.extract_area((image.width() - width) / 2, 0, width, image.height());
  } else if (thumb_aspect < stored_aspect / 1.02) {
    const int height = static_cast<int>(std::lround(image.width() / stored_aspect));
    image = image.extract_area(0, (image.height() - height) / 2, image.width(), height);
  }
  image = image.copy();
  image.set(VIPS_META_ORIENTATION, header.orientation);
  return image.autorot();
}

}  // namespace

Result<PerceptualHash> perceptual_hash(std::span<const unsigned char> bytes,
                                       std::span<const unsigned char> exif_thumbnail,
                                       const ImageHeader& header, const std::string& path) {
  try {
    if (auto thumbnail = usable_thumbnail(exif_thumbnail, header)) {
      return PerceptualHash{hash_picture(*thumbnail), true};
    }
    VipsBlob* blob = vips_blob_new(nullptr, bytes.data(), bytes.size());
    const std::unique_ptr<VipsArea, decltype(&vips_area_unref)> owner(VIPS_AREA(blob),
                                                                      &vips_area_unref);
    // thumbnail() applies the orientation itself and shrinks while decoding.
    const VImage picture =
        VImage::thumbnail_buffer(blob, kDecodeEdge, VImage::option()->set("height", kDecodeEdge));
    return PerceptualHash{hash_picture(picture), false};
  } catch (const vips::VError& e) {
    return fail(ErrorCode::kCorrupt,
                "cannot decode for the similarity hash: " + detail::describe(e), path);
  }
}

}  // namespace vern::imaging
