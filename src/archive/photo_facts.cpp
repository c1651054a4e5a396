#include "archive/photo_facts.h"

#include "core/content_hash.h"
#include "imaging/image_header.h"
#include "imaging/perceptual_hash.h"
#include "metadata/embedded_preview.h"
#include "metadata/metadata_reader.h"
#include "metadata/sidecar_metadata.h"

namespace vern::archive {

std::string catalogue_key(const std::filesystem::path& path) {
  return std::filesystem::absolute(path).lexically_normal().string();
}

bool is_under(const std::string& path, const std::vector<std::string>& folders) {
  for (const auto& folder : folders) {
    if (path.size() > folder.size() && path.starts_with(folder) &&
        (folder.ends_with('/') || path[folder.size()] == '/')) {
      return true;
    }
  }
  return false;
}

Result<KnownPhotos> load_known_photos(catalogue::Catalogue& catalogue) {
  auto records = catalogue.all();
  if (!records) return tl::unexpected(records.error());
  KnownPhotos known;
  known.reserve(records->size());
  for (auto& record : *records) {
    auto key = record.path;
    known.emplace(std::move(key), std::move(record));
  }
  return known;
}

decltype(scan::ScanOptions::known_format) known_format_from(const KnownPhotos& known) {
  return [&known](const std::filesystem::path& path, std::uintmax_t size,
                  std::int64_t mtime_ns) -> std::optional<ImageFormat> {
    const auto it = known.find(catalogue_key(path));
    // The format is the file's own: its sidecars do not matter here.
    if (it == known.end() || it->second.size_bytes != size || it->second.mtime_ns != mtime_ns) {
      return std::nullopt;
    }
    return format_from_name(it->second.format);
  };
}

namespace {

// The header of a camera RAW that LibRaw cannot read (a CR3 from a camera LibRaw 0.20 does not
// know, a file cut down to its metadata): the size of the JPEG preview exiv2 finds in it, which
// is what can be shown of it.
// The preview's bytes go to `preview_jpeg`: they stand for the photo in its similarity hash.
Result<imaging::ImageHeader> preview_header(std::span<const unsigned char> bytes,
                                            const std::string& path, int orientation,
                                            const Error& libraw_error,
                                            std::vector<unsigned char>& preview_jpeg) {
  auto preview = metadata::largest_jpeg_preview(bytes, path);
  if (!preview || preview->width <= 0 || preview->height <= 0) {
    return fail(libraw_error.code, libraw_error.message + ", and " + preview.error().message, path);
  }
  imaging::ImageHeader header;
  header.loader = "exiv2-preview";
  header.preview_only = true;
  header.orientation = orientation;
  const bool turned = orientation >= 5;
  header.width = turned ? preview->height : preview->width;
  header.height = turned ? preview->width : preview->height;
  preview_jpeg = std::move(preview->jpeg);
  return header;
}

// The fields exiv2 left empty, from what LibRaw read of the camera. For Canon's CRW, LibRaw's
// exposure time and ISO win: exiv2 0.27 maps the CIFF heap's shot information incompletely (the
// EOS D30 sample reads 1 s at ISO 160 there; exiftool and LibRaw read 5 s at ISO 100).
void fill_from_camera(PhotoMetadata& m, const PhotoMetadata& camera, const std::string& path) {
  if (raw_kind(path) == "crw") {
    if (camera.exposure_time_s) m.exposure_time_s = camera.exposure_time_s;
    if (camera.iso) m.iso = camera.iso;
  }
  if (!m.camera_make) m.camera_make = camera.camera_make;
  if (!m.camera_model) m.camera_model = camera.camera_model;
  if (!m.lens) m.lens = camera.lens;
  if (!m.focal_length_mm) m.focal_length_mm = camera.focal_length_mm;
  if (!m.aperture) m.aperture = camera.aperture;
  if (!m.exposure_time_s) m.exposure_time_s = camera.exposure_time_s;
  if (!m.iso) m.iso = camera.iso;
  if (!m.taken_at) m.taken_at = camera.taken_at;
  if (m.lens && m.lens_from_maker_id && m.focal_length_mm &&
      !metadata::lens_covers_focal_length(*m.lens, *m.focal_length_mm)) {
    m.lens.reset();
  }
}

}  // namespace

bool orientation_contradicts_pixels(int orientation, int stored_width, int stored_height,
                                    const std::optional<std::pair<int, int>>& recorded) {
  if (orientation < 5 || !recorded || stored_width == stored_height) return false;
  return recorded->first == stored_height && recorded->second == stored_width;
}

Result<catalogue::PhotoRecord> read_photo_facts(std::span<const unsigned char> bytes,
                                                const scan::SourceFile& source,
                                                const FactOptions& options,
                                                const imaging::Libvips& libvips,
                                                std::vector<std::string>& warnings) {
  const std::string& relative_path = source.relative_path;
  const bool camera_raw = source.format == ImageFormat::kRaw;
  catalogue::PhotoRecord record;
  record.content_hash = content_hash(bytes);
  std::vector<unsigned char> embedded_thumbnail;
  if (auto metadata = metadata::read_metadata(
          bytes, relative_path, options.perceptual_hash ? &embedded_thumbnail : nullptr)) {
    record.metadata = std::move(*metadata);
  } else {
    warnings.push_back(metadata.error().message);
  }
  auto header = imaging::read_header(bytes, relative_path, options.max_pixels, libvips);
  if (!header && camera_raw && header.error().code == ErrorCode::kUnsupported) {
    header = preview_header(bytes, relative_path, record.metadata.orientation.value_or(1),
                            header.error(), embedded_thumbnail);
  }
  if (!header) return tl::unexpected(header.error());
  if (camera_raw) {
    fill_from_camera(record.metadata, header->camera_facts, relative_path);
    if (header->loader == "exiv2-preview") {
      warnings.push_back("LibRaw cannot develop this RAW; shown from the camera's own preview");
    }
  }
  // The decoder's header is authoritative for the size; metadata may describe a thumbnail.
  const int file_orientation = header->orientation;
  const bool turned = file_orientation >= 5;
  const int stored_width = turned ? header->height : header->width;
  const int stored_height = turned ? header->width : header->height;
  int orientation = file_orientation;
  if (orientation_contradicts_pixels(orientation, stored_width, stored_height,
                                     record.metadata.recorded_pixel_size)) {
    // Some tool turned the pixels and left the tag: the picture is upright as stored
    // (docs/metadata-precedence.md gives the evidence).
    warnings.push_back("orientation tag " + std::to_string(orientation) +
                       " contradicts the pixels (stored " + std::to_string(stored_width) + "×" +
                       std::to_string(stored_height) + ", EXIF says " +
                       std::to_string(record.metadata.recorded_pixel_size->first) + "×" +
                       std::to_string(record.metadata.recorded_pixel_size->second) +
                       "); shown as stored. To turn it, set orientation in album.toml");
    orientation = 1;
  }
  record.metadata.orientation = orientation;
  for (const auto& sidecar : source.sidecars) {
    auto read = metadata::read_sidecar(sidecar.absolute_path);
    if (!read) {
      warnings.push_back(read.error().describe());
      continue;
    }
    metadata::merge_sidecar(record.metadata, *read, camera_raw);
  }
  for (const auto& warning : record.metadata.warnings) warnings.push_back(warning);
  record.metadata.warnings.clear();
  orientation = record.metadata.orientation.value_or(1);
  if (orientation < 1 || orientation > 8) orientation = file_orientation;
  record.metadata.orientation = orientation;
  record.file_orientation = orientation != file_orientation ? file_orientation : 0;
  const bool upright_turned = orientation >= 5;
  record.metadata.width = upright_turned ? stored_height : stored_width;
  record.metadata.height = upright_turned ? stored_width : stored_height;
  header->orientation = orientation;
  header->width = *record.metadata.width;
  header->height = *record.metadata.height;
  if (options.perceptual_hash) {
    if (auto hash =
            imaging::perceptual_hash(bytes, embedded_thumbnail, *header, relative_path, libvips)) {
      record.perceptual_hash = hash->bits;
    } else {
      // Recorded all the same, so that the same file is not tried again until it changes.
      warnings.push_back(hash.error().message);
      record.decode_problem = hash.error().message;
    }
  }
  record.format = std::string(format_name(source.format));
  record.path = catalogue_key(source.absolute_path);
  record.size_bytes = source.size_bytes;
  record.mtime_ns = source.mtime_ns;
  record.attached = scan::attached_stamp(source);
  for (const auto& companion : source.companions) {
    record.companions.push_back(catalogue_key(companion.absolute_path));
  }
  return record;
}

}  // namespace vern::archive
