#include "cli/photo_job.h"

#include <algorithm>
#include <system_error>

#include "archive/photo_facts.h"
#include "archive/same_content.h"
#include "core/atomic_write.h"
#include "core/content_hash.h"
#include "core/file_bytes.h"
#include "imaging/renderer.h"
#include "metadata/private_fields.h"

namespace vern::cli {
namespace {

// The notice embedded in derivatives: the photo's own creator and copyright, else the site's.
imaging::EmbeddedNotice notice_for(const PhotoMetadata& m, const BuildOptions& options) {
  return {m.creator.value_or(options.site.author), m.copyright.value_or(options.site.copyright)};
}

std::string original_path_for(const std::string& hash, const std::filesystem::path& source) {
  return "originals/" + hash.substr(0, 16) + "/" + source.filename().string();
}

Result<void> publish_original(std::span<const unsigned char> bytes, const std::string& relative,
                              const BuildOptions& options) {
  const auto final_path = options.output / relative;
  std::error_code ec;
  // The copy is cleaned before it gets its final name, so a visible original never carries GPS.
  std::filesystem::create_directories(final_path.parent_path(), ec);
  const auto temporary = temporary_path_for(final_path);
  const std::string_view contents(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  if (auto r = write_file_atomically(temporary, contents); !r) return r;
  if (auto r = metadata::strip_private_fields(temporary, options.site.keep_location); !r) {
    std::filesystem::remove(temporary, ec);
    return r;
  }
  return commit_temporary(temporary, final_path);
}

}  // namespace

Result<PublishedPhoto> publish_photo(const scan::SourceFile& file,
                                     const catalogue::PhotoRecord* recorded,
                                     const BuildOptions& options, const imaging::Libvips& libvips,
                                     catalogue::Catalogue& catalogue) {
  PublishedPhoto photo;
  const auto& source = file.absolute_path;
  const std::string& relative_path = file.relative_path;
  std::optional<catalogue::PhotoRecord> known;
  if (recorded != nullptr &&
      catalogue::describes_unchanged_file(*recorded, file.size_bytes, file.mtime_ns)) {
    known = *recorded;
    photo.status = SourceStatus::kUnchanged;
  } else {
    photo.status = recorded != nullptr ? SourceStatus::kChanged : SourceStatus::kNew;
  }

  FileBytes bytes;
  const auto read_bytes = [&]() -> Result<void> {
    auto read = read_file_bytes(source, kMaxPhotoFileBytes);
    if (!read) return tl::unexpected(read.error());
    if (read->empty()) return fail(ErrorCode::kCorrupt, "empty file (0 bytes)", relative_path);
    bytes = std::move(*read);
    photo.read = true;
    return {};
  };

  const bool was_known = known.has_value();
  catalogue::PhotoRecord record;
  std::optional<std::string> moved_from;
  if (was_known) {
    record = std::move(*known);
  } else {
    if (auto r = read_bytes(); !r) return tl::unexpected(r.error());
    auto fresh = archive::read_photo_facts(bytes, file, {.max_pixels = options.imaging.max_pixels},
                                           libvips, photo.warnings);
    if (!fresh) return tl::unexpected(fresh.error());
    record = std::move(*fresh);
    // The same photo under another path (moved, renamed, copied) keeps what its pixels told us,
    // and a photo moved keeps its identity (archive/same_content.h).
    auto twin = catalogue.find_by_content(record.content_hash);
    if (!twin) return tl::unexpected(twin.error());
    if (*twin) {
      archive::take_picture_facts(**twin, record);
      if (recorded == nullptr && archive::twin_was_moved((*twin)->path)) moved_from = (*twin)->path;
    }
  }
  photo.content_hash = record.content_hash;
  photo.width = record.metadata.width.value_or(0);
  photo.height = record.metadata.height.value_or(0);

  const auto notice = notice_for(record.metadata, options);
  photo.derivatives = imaging::plan_derivatives(photo.content_hash, photo.width, photo.height,
                                                options.imaging, notice);
  std::vector<Derivative> missing;
  for (const auto& d : photo.derivatives) {
    if (!path_exists(options.output / d.relative_path)) missing.push_back(d);
  }
  const bool needs_original =
      options.include_originals &&
      !path_exists(options.output / original_path_for(record.content_hash, source));
  const bool needs_decode = !missing.empty() || record.thumbhash.empty();
  if (options.dry_run) {
    photo.decoded = needs_decode;
    photo.files_written = static_cast<int>(missing.size()) + (needs_original ? 1 : 0);
    photo.planned_files = std::move(missing);
    photo.thumbhash = record.thumbhash;
    photo.metadata = std::move(record.metadata);
    if (options.include_originals)
      photo.original_path = original_path_for(record.content_hash, source);
    return photo;
  }
  if ((needs_decode || needs_original) && bytes.empty()) {
    if (auto r = read_bytes(); !r) return tl::unexpected(r.error());
    // The catalogue vouched for this file by size and mtime; its bytes must still match.
    if (content_hash(bytes) != record.content_hash) {
      return fail(ErrorCode::kIo, "file changed while being published; run the build again",
                  relative_path);
    }
  }
  if (needs_decode) {
    // A photo without its placeholder yet is decoded at the plan's largest size even when some
    // derivatives exist (left by an interrupted build): the placeholder must not depend on which.
    const Derivative* decode_as = nullptr;
    if (record.thumbhash.empty() && !photo.derivatives.empty()) {
      decode_as = &*std::max_element(
          photo.derivatives.begin(), photo.derivatives.end(),
          [](const Derivative& a, const Derivative& b) { return long_edge(a) < long_edge(b); });
    }
    auto report = imaging::render_derivatives(libvips, bytes, relative_path,
                                              std::max(photo.width, photo.height), missing,
                                              options.output, options.imaging, notice, decode_as);
    if (!report) return tl::unexpected(report.error());
    photo.decoded = true;
    photo.files_written = report->files_written;
    record.thumbhash = report->thumbhash;
    record.decode_problem = report->partial_decode ? report->decode_problem : "";
  }
  if (!record.decode_problem.empty()) {
    photo.warnings.push_back("damaged file, published from the part that decodes (" +
                             record.decode_problem + ")");
  }
  if (options.include_originals) {
    photo.original_path = original_path_for(record.content_hash, source);
    if (needs_original) {
      if (auto r = publish_original(bytes, *photo.original_path, options); !r) {
        return tl::unexpected(r.error());
      }
    }
  }
  if (moved_from) {
    catalogue::ChangeSet move;
    move.moved.push_back({*moved_from, record});
    if (auto r = catalogue.apply(move); !r) return tl::unexpected(r.error());
  } else if (!was_known || needs_decode) {
    if (auto r = catalogue.put(record); !r) return tl::unexpected(r.error());
  }
  photo.thumbhash = record.thumbhash;
  photo.metadata = std::move(record.metadata);
  return photo;
}

}  // namespace vern::cli
