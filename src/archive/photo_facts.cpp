#include "archive/photo_facts.h"

#include "core/content_hash.h"
#include "imaging/image_header.h"
#include "imaging/perceptual_hash.h"
#include "metadata/metadata_reader.h"

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
    if (it == known.end() || !catalogue::describes_unchanged_file(it->second, size, mtime_ns)) {
      return std::nullopt;
    }
    return format_from_name(it->second.format);
  };
}

Result<catalogue::PhotoRecord> read_photo_facts(std::span<const unsigned char> bytes,
                                                const scan::SourceFile& source,
                                                const FactOptions& options,
                                                const imaging::Libvips& libvips,
                                                std::vector<std::string>& warnings) {
  const std::string& relative_path = source.relative_path;
  catalogue::PhotoRecord record;
  record.content_hash = content_hash(bytes);
  auto header = imaging::read_header(bytes, relative_path, options.max_pixels, libvips);
  if (!header) return tl::unexpected(header.error());
  std::vector<unsigned char> embedded_thumbnail;
  if (auto metadata = metadata::read_metadata(
          bytes, relative_path, options.perceptual_hash ? &embedded_thumbnail : nullptr)) {
    record.metadata = std::move(*metadata);
  } else {
    warnings.push_back(metadata.error().message);
  }
  for (const auto& warning : record.metadata.warnings) warnings.push_back(warning);
  record.metadata.warnings.clear();
  // The decoder's header is authoritative for the size; metadata may describe a thumbnail.
  record.metadata.width = header->width;
  record.metadata.height = header->height;
  record.metadata.orientation = header->orientation;
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
  return record;
}

}  // namespace vern::archive
