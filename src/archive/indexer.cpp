#include "archive/indexer.h"

#include <algorithm>
#include <numeric>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "archive/photo_facts.h"
#include "archive/same_content.h"
#include "core/file_bytes.h"
#include "core/parallel_for.h"
#include "imaging/perceptual_hash.h"
#include "scan/source_tree.h"

namespace vern::archive {
namespace {

using catalogue::PhotoRecord;

// Photos read between two catalogue writes: small enough that an interrupted run loses little,
// large enough that a transaction's cost is shared by many rows.
constexpr std::size_t kBatch = 256;

// A worker's read buffer is kept from one photo to the next up to this size.
constexpr std::size_t kLargestKeptBuffer = 256ULL * 1024 * 1024;

struct ReadOutcome {
  std::optional<Result<PhotoRecord>> record;
  std::vector<std::string> warnings;
};

// The state of one run: what the catalogue knew at the start, and what this run has decided.
class IndexRun {
 public:
  IndexRun(const IndexOptions& options, const imaging::Libvips& libvips,
           catalogue::Catalogue& catalogue)
      : options_(options), libvips_(libvips), catalogue_(catalogue) {}

  Result<IndexReport> run() {
    for (const auto& root : options_.roots) {
      std::error_code ec;
      if (!std::filesystem::is_directory(root, ec)) {
        return fail(ErrorCode::kIo, "not a folder", root.string());
      }
      roots_.push_back(catalogue_key(root));
    }
    auto known = load_known_photos(catalogue_);
    if (!known) return tl::unexpected(known.error());
    known_ = std::move(*known);
    for (const auto& [path, record] : known_) by_content_.emplace(record.content_hash, path);
    if (auto r = scan(); !r) return tl::unexpected(r.error());

    std::vector<const scan::SourceFile*> to_read;
    catalogue::ChangeSet found_again;
    for (const auto* file : files_) {
      const auto it = known_.find(catalogue_key(file->absolute_path));
      if (it != known_.end() && vouches_for(it->second, *file)) {
        ++report_.unchanged;
        if (it->second.missing) {
          PhotoRecord back = it->second;
          back.missing = false;
          found_again.put.push_back(std::move(back));
          ++report_.found_again;
        }
        if (options_.on_photo) options_.on_photo();
      } else {
        to_read.push_back(file);
      }
    }
    if (auto r = catalogue_.apply(found_again); !r) return tl::unexpected(r.error());

    for (std::size_t start = 0; start < to_read.size(); start += kBatch) {
      const auto batch =
          std::span(to_read).subspan(start, std::min(kBatch, to_read.size() - start));
      if (auto r = record_batch(batch); !r) return tl::unexpected(r.error());
    }
    if (auto r = settle_the_unseen(); !r) return tl::unexpected(r.error());
    return std::move(report_);
  }

 private:
  // True when the catalogue's record stands for the file as it is: same size and mtime (its
  // sidecars' too), and nothing left to compute (the perceptual hash, unless it was tried and
  // the picture would not decode for it; a build that found the picture damaged did not try).
  static bool vouches_for(const PhotoRecord& record, const scan::SourceFile& file) {
    return catalogue::describes_unchanged_file(record, file.size_bytes, file.mtime_ns,
                                               scan::attached_stamp(file)) &&
           (record.perceptual_hash || imaging::is_similarity_hash_failure(record.decode_problem));
  }

  Result<void> scan() {
    scan::ScanOptions scan_options;
    scan_options.excluded = options_.excluded;
    scan_options.known_format = known_format_from(known_);
    scan_options.prefer = options_.prefer;
    for (const auto& root : options_.roots) {
      auto scanned = scan::scan_tree(root, scan_options);
      if (!scanned) return tl::unexpected(scanned.error());
      for (auto& problem : scanned->problems) report_.problems.push_back(std::move(problem));
      scans_.push_back(std::move(*scanned));
    }
    for (const auto& scanned : scans_) {
      for (const auto* file : scan::all_photos(scanned.root)) {
        // Overlapping roots (a folder and its parent) list a photo once.
        if (seen_.insert(catalogue_key(file->absolute_path)).second) files_.push_back(file);
        for (const auto& companion : file->companions) {
          paired_.insert(catalogue_key(companion.absolute_path));
        }
      }
    }
    report_.found = static_cast<int>(files_.size());
    if (options_.on_start) options_.on_start(report_.found);
    return {};
  }

  Result<void> record_batch(std::span<const scan::SourceFile* const> batch) {
    std::vector<ReadOutcome> outcomes(batch.size());
    const FactOptions facts{.max_pixels = options_.max_pixels, .perceptual_hash = true};
    buffers_.resize(static_cast<std::size_t>(worker_count(options_.jobs)));
    // Largest files first: a big photo started last would leave the other workers idle while it
    // finishes. Results still go to the catalogue in scan order.
    std::vector<std::size_t> order(batch.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return batch[a]->size_bytes > batch[b]->size_bytes;
    });
    parallel_for(batch.size(), static_cast<int>(buffers_.size()), [&](std::size_t n, int worker) {
      const std::size_t i = order[n];
      FileBytes& bytes = buffers_[static_cast<std::size_t>(worker)];
      if (auto read = read_file_bytes_into(batch[i]->absolute_path, kMaxPhotoFileBytes, bytes);
          !read) {
        outcomes[i].record = tl::unexpected(read.error());
      } else if (bytes.empty()) {
        outcomes[i].record = fail(ErrorCode::kCorrupt, "empty file (0 bytes)");
      } else {
        outcomes[i].record =
            read_photo_facts(bytes, *batch[i], facts, libvips_, outcomes[i].warnings);
      }
      // Kept for the next photo, unless an outsized file (a huge TIFF) made it too big to hold.
      if (bytes.capacity() > kLargestKeptBuffer) FileBytes().swap(bytes);
      if (options_.on_photo) options_.on_photo();
    });

    catalogue::ChangeSet changes;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const std::string path = batch[i]->absolute_path.string();
      for (const auto& warning : outcomes[i].warnings) {
        report_.warnings.push_back(Error{ErrorCode::kCorrupt, warning, path});
      }
      auto& outcome = *outcomes[i].record;
      if (!outcome) {
        Error error = outcome.error();
        error.path = path;
        report_.problems.push_back(std::move(error));
        ++report_.failed;
        continue;
      }
      decide(std::move(*outcome), changes);
    }
    return catalogue_.apply(changes);
  }

  // Where a freshly read record goes: over its own path's record, onto the record of a photo it
  // was moved from, or in as a new photo.
  void decide(PhotoRecord record, catalogue::ChangeSet& changes) {
    keep_render_facts(record);
    if (known_.contains(record.path)) {
      ++report_.changed;
      changes.put.push_back(std::move(record));
      return;
    }
    const auto [first, last] = by_content_.equal_range(record.content_hash);
    for (auto it = first; it != last; ++it) {
      const std::string& old_path = it->second;
      // A path this run found, or gave to another file already, is not free to be moved from.
      if (seen_.contains(old_path) || claimed_.contains(old_path) || !twin_was_moved(old_path)) {
        continue;
      }
      claimed_.insert(old_path);
      ++report_.moved;
      changes.moved.push_back({old_path, std::move(record)});
      return;
    }
    ++report_.fresh;
    changes.put.push_back(std::move(record));
  }

  // What the pixels of any file of equal content told holds for this one.
  void keep_render_facts(PhotoRecord& record) const {
    const auto [first, last] = by_content_.equal_range(record.content_hash);
    for (auto it = first; it != last; ++it) take_picture_facts(known_.at(it->second), record);
  }

  // Photos under the roots that the scan did not find, and that were not moved elsewhere.
  Result<void> settle_the_unseen() {
    catalogue::ChangeSet changes;
    for (const auto& [path, record] : known_) {
      if (seen_.contains(path) || claimed_.contains(path) || !is_under(path, roots_)) continue;
      // A file recorded on its own before it was found to be half of a RAW+JPEG pair: the pair's
      // row stands for it now, and two rows would be one photo twice (in search, in duplicates).
      if (paired_.contains(path)) {
        changes.forgotten.push_back(path);
        ++report_.forgotten;
        continue;
      }
      // Present but not listed (hidden, or unreadable just now): nothing is known to be lost.
      if (path_exists(path)) continue;
      if (options_.prune) {
        changes.forgotten.push_back(path);
        ++report_.forgotten;
      } else if (!record.missing) {
        changes.missing.push_back(path);
        ++report_.missing;
      }
    }
    return catalogue_.apply(changes);
  }

  const IndexOptions& options_;
  const imaging::Libvips& libvips_;
  catalogue::Catalogue& catalogue_;
  std::vector<std::string> roots_;
  KnownPhotos known_;
  std::unordered_multimap<std::string, std::string> by_content_;  // content hash → path
  std::vector<scan::ScanResult> scans_;                           // own the files listed
  std::vector<const scan::SourceFile*> files_;
  std::unordered_set<std::string> seen_;     // paths found by this run's scan
  std::unordered_set<std::string> claimed_;  // old paths of photos found moved
  std::unordered_set<std::string> paired_;   // the other files of RAW+JPEG pairs found
  std::vector<FileBytes> buffers_;           // one read buffer per worker, reused
  IndexReport report_;
};

}  // namespace

Result<IndexReport> index_photos(const IndexOptions& options, const imaging::Libvips& libvips,
                                 catalogue::Catalogue& catalogue) {
  return IndexRun(options, libvips, catalogue).run();
}

}  // namespace vern::archive
