#include "metadata/sidecar_metadata.h"

#include <algorithm>

#include "core/file_bytes.h"
#include "metadata/metadata_reader.h"

namespace vern::metadata {
namespace {

// Sidecars hold text: a few kilobytes, a few hundred with a long darktable history.
constexpr std::uintmax_t kMaxSidecarBytes = 16 * 1024 * 1024;

template <class T>
void take(std::optional<T>& field, const std::optional<T>& from_sidecar, bool sidecar_wins) {
  if (from_sidecar && (sidecar_wins || !field)) field = from_sidecar;
}

}  // namespace

Result<PhotoMetadata> read_sidecar(const std::filesystem::path& file) {
  auto bytes = read_file_bytes(file, kMaxSidecarBytes);
  if (!bytes) return tl::unexpected(bytes.error());
  const std::string_view text(reinterpret_cast<const char*>(bytes->data()), bytes->size());
  if (text.find("<x:xmpmeta") == std::string_view::npos &&
      text.find("<rdf:RDF") == std::string_view::npos) {
    return fail(ErrorCode::kCorrupt, "XMP sidecar holds no XMP packet", file.string());
  }
  auto read = read_metadata(*bytes, file.string());
  if (!read) return fail(read.error().code, "XMP sidecar: " + read.error().message, file.string());
  // The sidecar describes the photo; its own size means nothing.
  read->width.reset();
  read->height.reset();
  read->recorded_pixel_size.reset();
  // Its warnings go out under the photo's name: they name the sidecar.
  for (auto& warning : read->warnings)
    warning = "sidecar " + file.filename().string() + ": " + warning;
  return read;
}

bool merge_sidecar(PhotoMetadata& photo, const PhotoMetadata& sidecar, bool camera_raw) {
  const bool wins = camera_raw;
  take(photo.taken_at, sidecar.taken_at, wins);
  take(photo.camera_make, sidecar.camera_make, false);
  take(photo.camera_model, sidecar.camera_model, false);
  take(photo.lens, sidecar.lens, wins);
  take(photo.focal_length_mm, sidecar.focal_length_mm, false);
  take(photo.aperture, sidecar.aperture, false);
  take(photo.exposure_time_s, sidecar.exposure_time_s, false);
  take(photo.iso, sidecar.iso, false);
  take(photo.gps, sidecar.gps, wins);
  take(photo.title, sidecar.title, wins);
  take(photo.caption, sidecar.caption, wins);
  take(photo.creator, sidecar.creator, wins);
  take(photo.copyright, sidecar.copyright, wins);
  take(photo.rating, sidecar.rating, wins);
  take(photo.label, sidecar.label, wins);
  if (!sidecar.keywords.empty()) {
    if (camera_raw) photo.keywords.clear();
    for (const auto& keyword : sidecar.keywords) {
      if (std::find(photo.keywords.begin(), photo.keywords.end(), keyword) == photo.keywords.end())
        photo.keywords.push_back(keyword);
    }
  }
  for (const auto& warning : sidecar.warnings) photo.warnings.push_back(warning);
  if (sidecar.orientation && sidecar.orientation != photo.orientation) {
    photo.orientation = sidecar.orientation;
    return true;
  }
  return false;
}

}  // namespace vern::metadata
