#include "cli/photo_job.h"

#include <system_error>

#include "core/atomic_write.h"
#include "core/content_hash.h"
#include "core/file_bytes.h"
#include "imaging/image_header.h"
#include "imaging/renderer.h"
#include "metadata/metadata_reader.h"
#include "metadata/private_fields.h"

namespace vern::cli {
namespace {

// Even a 200-megapixel 16-bit TIFF stays under this; anything larger is not a photo we can show.
constexpr std::uintmax_t kMaxFileBytes = 2ULL * 1024 * 1024 * 1024;

// The notice embedded in derivatives: the photo's own creator and copyright, else the site's.
imaging::EmbeddedNotice notice_for(const PhotoMetadata& m, const BuildOptions& options) {
  return {m.creator.value_or(options.site.author), m.copyright.value_or(options.site.copyright)};
}

Result<std::string> publish_original(std::span<const unsigned char> bytes, const std::string& hash,
                                     const std::filesystem::path& source,
                                     const BuildOptions& options) {
  const std::string relative =
      "originals/" + hash.substr(0, 16) + "/" + source.filename().string();
  const auto final_path = options.output / relative;
  std::error_code ec;
  if (std::filesystem::exists(final_path, ec)) return relative;
  // The copy is cleaned before it gets its final name, so a visible original never carries GPS.
  std::filesystem::create_directories(final_path.parent_path(), ec);
  const auto temporary = temporary_path_for(final_path);
  const std::string_view contents(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  if (auto r = write_file_atomically(temporary, contents); !r) return tl::unexpected(r.error());
  if (auto r = metadata::strip_private_fields(temporary, options.site.keep_location); !r) {
    std::filesystem::remove(temporary, ec);
    return tl::unexpected(r.error());
  }
  if (auto r = commit_temporary(temporary, final_path); !r) return tl::unexpected(r.error());
  return relative;
}

}  // namespace

Result<PublishedPhoto> publish_photo(const std::filesystem::path& source,
                                     const std::string& relative_path,
                                     const BuildOptions& options) {
  auto bytes = read_file_bytes(source, kMaxFileBytes);
  if (!bytes) return tl::unexpected(bytes.error());
  if (bytes->empty()) return fail(ErrorCode::kCorrupt, "empty file (0 bytes)", relative_path);

  PublishedPhoto photo;
  photo.content_hash = content_hash(*bytes);

  auto header = imaging::read_header(*bytes, relative_path, options.imaging.max_pixels);
  if (!header) return tl::unexpected(header.error());
  photo.width = header->width;
  photo.height = header->height;

  if (auto metadata = metadata::read_metadata(*bytes, relative_path)) {
    photo.metadata = std::move(*metadata);
  } else {
    photo.warnings.push_back(metadata.error().message);
  }
  for (const auto& warning : photo.metadata.warnings) photo.warnings.push_back(warning);
  // The decoder's header is authoritative for the size; metadata may describe a thumbnail.
  photo.metadata.width = photo.width;
  photo.metadata.height = photo.height;
  photo.metadata.orientation = header->orientation;

  const auto notice = notice_for(photo.metadata, options);
  photo.derivatives = imaging::plan_derivatives(photo.content_hash, photo.width, photo.height,
                                                options.imaging, notice);
  std::vector<Derivative> missing;
  std::error_code ec;
  for (const auto& d : photo.derivatives) {
    if (!std::filesystem::exists(options.output / d.relative_path, ec)) missing.push_back(d);
  }
  if (!missing.empty()) {
    auto report = imaging::render_derivatives(*bytes, relative_path,
                                              std::max(photo.width, photo.height), missing,
                                              options.output, options.imaging, notice);
    if (!report) return tl::unexpected(report.error());
    photo.decoded = true;
    photo.files_written = report->files_written;
    if (report->partial_decode) {
      photo.warnings.push_back("damaged file, published from the part that decodes (" +
                               report->decode_problem + ")");
    }
  }

  if (options.include_originals) {
    auto original = publish_original(*bytes, photo.content_hash, source, options);
    if (!original) return tl::unexpected(original.error());
    photo.original_path = *original;
  }
  return photo;
}

}  // namespace vern::cli
