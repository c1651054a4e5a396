#include "publish/photo_job.h"

#include <algorithm>
#include <system_error>

#include "archive/photo_facts.h"
#include "archive/same_content.h"
#include "core/atomic_write.h"
#include "core/content_hash.h"
#include "core/file_bytes.h"
#include "imaging/renderer.h"
#include "metadata/embedded_preview.h"
#include "metadata/private_fields.h"

namespace vern::publish {
namespace {

// The notice embedded in derivatives: the photo's own creator and copyright, else the site's.
imaging::EmbeddedNotice notice_for(const PhotoMetadata& m, const PhotoJobSettings& settings) {
  return {m.creator.value_or(settings.author), m.copyright.value_or(settings.copyright)};
}

std::string original_path_for(const std::string& hash, const std::filesystem::path& source) {
  return "originals/" + hash.substr(0, 16) + "/" + source.filename().string();
}

Result<void> publish_original(std::span<const unsigned char> bytes, const std::string& relative,
                              const PhotoJobSettings& settings) {
  const auto final_path = settings.output / relative;
  std::error_code ec;
  // The copy is cleaned before it gets its final name, so a visible original never carries GPS.
  std::filesystem::create_directories(final_path.parent_path(), ec);
  const auto temporary = temporary_path_for(final_path);
  const std::string_view contents(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  if (auto r = write_file_atomically(temporary, contents); !r) return r;
  if (auto r = metadata::strip_private_fields(temporary, settings.keep_location); !r) {
    std::filesystem::remove(temporary, ec);
    return r;
  }
  return commit_temporary(temporary, final_path);
}

// One photo's way through a build, in the order run() takes: what is known of it, what the
// output lacks, the renders, the original, the catalogue.
class PhotoJob {
 public:
  PhotoJob(const scan::SourceFile& file, const catalogue::PhotoRecord* recorded,
           const PhotoJobSettings& settings, const imaging::Libvips& libvips,
           catalogue::Catalogue& catalogue, const PhotoChoices& choices)
      : file_(file),
        recorded_(recorded),
        settings_(settings),
        libvips_(libvips),
        catalogue_(catalogue),
        choices_(choices) {}

  Result<PublishedPhoto> run() {
    if (auto r = learn_facts(); !r) return tl::unexpected(r.error());
    if (photo_.other_shard) return std::move(photo_);
    plan_outputs();
    if (settings_.dry_run) return dry_run_outcome();
    if (!settings_.render && (needs_decode_ || needs_original_)) {
      return fail(ErrorCode::kIo, kImagesNotMadeYet, file_.relative_path);
    }
    if (auto r = render_missing(); !r) return tl::unexpected(r.error());
    if (!record_.decode_problem.empty()) {
      photo_.warnings.push_back("damaged file, published from the part that decodes (" +
                                record_.decode_problem + ")");
    }
    if (settings_.include_originals) {
      photo_.original_path = original_path_for(record_.content_hash, file_.absolute_path);
      if (needs_original_) {
        if (auto r = publish_original(bytes_, *photo_.original_path, settings_); !r) {
          return tl::unexpected(r.error());
        }
      }
    }
    if (auto r = record_in_catalogue(); !r) return tl::unexpected(r.error());
    photo_.thumbhash = record_.thumbhash;
    photo_.metadata = std::move(record_.metadata);
    return std::move(photo_);
  }

 private:
  Result<void> read_bytes() {
    auto read = read_file_bytes(file_.absolute_path, kMaxPhotoFileBytes);
    if (!read) return tl::unexpected(read.error());
    if (read->empty())
      return fail(ErrorCode::kCorrupt, "empty file (0 bytes)", file_.relative_path);
    bytes_ = std::move(*read);
    photo_.read = true;
    return {};
  }

  // The record of the photo: the catalogue's when it vouches for the file unchanged, else read
  // from the file.
  Result<void> learn_facts() {
    if (recorded_ != nullptr &&
        catalogue::describes_unchanged_file(*recorded_, file_.size_bytes, file_.mtime_ns,
                                            scan::attached_stamp(file_))) {
      record_ = *recorded_;
      was_known_ = true;
      photo_.status = SourceStatus::kUnchanged;
    } else {
      photo_.status = recorded_ != nullptr ? SourceStatus::kChanged : SourceStatus::kNew;
      if (auto r = read_bytes(); !r) return r;
      // A shard tells its photos by their content alone, before reading anything else of them.
      if (settings_.shard && outside_shard(content_hash(bytes_))) return {};
      if (auto r = read_fresh_facts(); !r) return r;
    }
    if (outside_shard(record_.content_hash)) return {};
    photo_.content_hash = record_.content_hash;
    photo_.width = record_.metadata.width.value_or(0);
    photo_.height = record_.metadata.height.value_or(0);
    reading_ = picture_reading(record_, settings_, choices_);
    const int recorded_orientation = record_.metadata.orientation.value_or(1);
    if (choices_.orientation && (*choices_.orientation >= 5) != (recorded_orientation >= 5)) {
      std::swap(photo_.width, photo_.height);  // the album turns it a quarter further
    }
    return {};
  }

  // True, and the outcome marked so, when the photo belongs to another shard.
  bool outside_shard(const std::string& hash) {
    if (!settings_.shard || shard_of(hash, settings_.shard->count) == settings_.shard->index) {
      return false;
    }
    photo_.other_shard = true;
    return true;
  }

  Result<void> read_fresh_facts() {
    auto fresh = archive::read_photo_facts(
        bytes_, file_, {.max_pixels = settings_.imaging.max_pixels}, libvips_, photo_.warnings);
    if (!fresh) return tl::unexpected(fresh.error());
    record_ = std::move(*fresh);
    // The same photo under another path (moved, renamed, copied) keeps what its pixels told us,
    // and a photo moved keeps its identity (archive/same_content.h).
    auto twin = catalogue_.find_by_content(record_.content_hash);
    if (!twin) return tl::unexpected(twin.error());
    if (*twin) {
      archive::take_picture_facts(**twin, record_);
      if (recorded_ == nullptr && archive::twin_was_moved((*twin)->path)) {
        moved_from_ = (*twin)->path;
      }
    }
    return {};
  }

  // The derivatives the settings call for, and which of them (and the original) the output lacks.
  void plan_outputs() {
    notice_ = notice_for(record_.metadata, settings_);
    photo_.derivatives = imaging::plan_derivatives(photo_.content_hash, photo_.width, photo_.height,
                                                   settings_.imaging, notice_, reading_);
    for (const auto& d : photo_.derivatives) {
      if (!path_exists(settings_.output / d.relative_path)) missing_.push_back(d);
    }
    needs_original_ = settings_.include_originals &&
                      !path_exists(settings_.output /
                                   original_path_for(record_.content_hash, file_.absolute_path));
    needs_decode_ = !missing_.empty() || record_.thumbhash.empty();
  }

  PublishedPhoto dry_run_outcome() {
    photo_.decoded = needs_decode_;
    photo_.files_written = static_cast<int>(missing_.size()) + (needs_original_ ? 1 : 0);
    photo_.planned_files = std::move(missing_);
    photo_.thumbhash = record_.thumbhash;
    photo_.metadata = std::move(record_.metadata);
    if (settings_.include_originals) {
      photo_.original_path = original_path_for(record_.content_hash, file_.absolute_path);
    }
    return std::move(photo_);
  }

  Result<void> render_missing() {
    if ((needs_decode_ || needs_original_) && bytes_.empty()) {
      if (auto r = read_bytes(); !r) return r;
      // The catalogue vouched for this file by size and mtime; its bytes must still match.
      if (content_hash(bytes_) != record_.content_hash) {
        return fail(ErrorCode::kIo, "file changed while being published; run the build again",
                    file_.relative_path);
      }
    }
    if (!needs_decode_) return {};
    // A photo without its placeholder yet is decoded at the plan's largest size even when some
    // derivatives exist (left by an interrupted build): the placeholder must not depend on which.
    const Derivative* decode_as = nullptr;
    if (record_.thumbhash.empty() && !photo_.derivatives.empty()) {
      decode_as = &*std::max_element(
          photo_.derivatives.begin(), photo_.derivatives.end(),
          [](const Derivative& a, const Derivative& b) { return long_edge(a) < long_edge(b); });
    }
    auto report = imaging::render_derivatives(
        libvips_, bytes_, file_.relative_path, std::max(photo_.width, photo_.height), missing_,
        settings_.output, settings_.imaging, notice_, decode_as, reading_);
    if (!report && reading_.raw && report.error().code == ErrorCode::kUnsupported) {
      report = render_exiv2_preview(decode_as);
    }
    if (!report) return tl::unexpected(report.error());
    photo_.decoded = true;
    photo_.files_written = report->files_written;
    record_.thumbhash = report->thumbhash;
    record_.decode_problem = report->partial_decode ? report->decode_problem : "";
    return {};
  }

  // A camera RAW LibRaw cannot read, shown from the JPEG preview exiv2 finds in it.
  Result<imaging::RenderReport> render_exiv2_preview(const Derivative* decode_as) {
    auto preview = metadata::largest_jpeg_preview(bytes_, file_.relative_path);
    if (!preview) return tl::unexpected(preview.error());
    imaging::PictureReading as_jpeg;
    as_jpeg.orientation = choices_.orientation.value_or(record_.metadata.orientation.value_or(1));
    return imaging::render_derivatives(
        libvips_, preview->jpeg, file_.relative_path, std::max(photo_.width, photo_.height),
        missing_, settings_.output, settings_.imaging, notice_, decode_as, as_jpeg);
  }

  Result<void> record_in_catalogue() {
    if (moved_from_) {
      catalogue::ChangeSet move;
      move.moved.push_back({*moved_from_, record_});
      return catalogue_.apply(move);
    }
    if (!was_known_ || needs_decode_) return catalogue_.put(record_);
    return {};
  }

  const scan::SourceFile& file_;
  const catalogue::PhotoRecord* recorded_;
  const PhotoJobSettings& settings_;
  const imaging::Libvips& libvips_;
  catalogue::Catalogue& catalogue_;
  const PhotoChoices& choices_;

  PublishedPhoto photo_;
  imaging::PictureReading reading_;
  FileBytes bytes_;  // empty until the file had to be read
  catalogue::PhotoRecord record_;
  bool was_known_ = false;
  std::optional<std::string> moved_from_;
  imaging::EmbeddedNotice notice_;
  std::vector<Derivative> missing_;
  bool needs_original_ = false;
  bool needs_decode_ = false;
};

}  // namespace

imaging::PictureReading picture_reading(const catalogue::PhotoRecord& record,
                                        const PhotoJobSettings& settings,
                                        const PhotoChoices& choices) {
  imaging::PictureReading reading;
  if (record.format == format_name(ImageFormat::kRaw)) {
    // A RAW shown in place of its JPEG (--prefer raw) is developed: its preview is that JPEG.
    reading.raw = record.companions.empty() ? choices.raw.value_or(settings.imaging.raw)
                                            : imaging::RawMode::kDevelop;
  }
  const int in_force = choices.orientation.value_or(record.metadata.orientation.value_or(1));
  const int file_tag = record.file_orientation != 0 ? record.file_orientation
                                                    : record.metadata.orientation.value_or(1);
  if (in_force != file_tag) reading.orientation = in_force;
  return reading;
}

std::vector<Derivative> planned_derivatives(const catalogue::PhotoRecord& record,
                                            const PhotoJobSettings& settings) {
  return imaging::plan_derivatives(
      record.content_hash, record.metadata.width.value_or(0), record.metadata.height.value_or(0),
      settings.imaging, notice_for(record.metadata, settings), picture_reading(record, settings));
}

Result<PublishedPhoto> publish_photo(const scan::SourceFile& file,
                                     const catalogue::PhotoRecord* recorded,
                                     const PhotoJobSettings& settings,
                                     const imaging::Libvips& libvips,
                                     catalogue::Catalogue& catalogue, const PhotoChoices& choices) {
  return PhotoJob(file, recorded, settings, libvips, catalogue, choices).run();
}

}  // namespace vern::publish
