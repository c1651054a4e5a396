#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "archive/photo_facts.h"
#include "catalogue/catalogue.h"
#include "core/derivative.h"
#include "core/photo_metadata.h"
#include "core/result.h"
#include "imaging/derivative_plan.h"
#include "imaging/libvips.h"
#include "publish/shard.h"
#include "scan/source_tree.h"

namespace vern::publish {

// What shapes the files made of one photo, and where they go: a build's site folder, or any other
// folder (a share's private one) with settings of its own.
struct PhotoJobSettings {
  std::filesystem::path output;      // derivatives and originals are written under it
  imaging::ImagingSettings imaging;  // sizes, encodings, sharpening, the megapixel limit
  std::string author;                // the notice embedded in derivatives of photos that carry
  std::string copyright;             // no creator or copyright of their own
  bool include_originals = false;    // also copy the original, location and serials removed
  bool keep_location = false;        // ... and then keep its location
  bool dry_run = false;              // decide, but write nothing
  // A shard of a build spread over processes: photos of other shards are left alone (not
  // rendered, not recorded), once their content hash tells them apart.
  std::optional<Shard> shard;
  // False for `--assemble`: images are not made here; a photo that lacks one fails, named.
  bool render = true;
};

// The photographer's decisions for one photo, from its album's album.toml: they overrule what the
// file and its sidecars say.
struct PhotoChoices {
  std::optional<int> orientation;       // [photos."NAME"] orientation = 1..8
  std::optional<imaging::RawMode> raw;  // raw = "preview" | "develop" for the album
};

// How the photo's pixels are to be read (see imaging::PictureReading): the RAW mode for a camera
// RAW (always a development for the RAW of a RAW+JPEG pair, which shows the RAW only when asked
// to, with --prefer raw), and an orientation wherever the one in force is not the file's own tag.
imaging::PictureReading picture_reading(const catalogue::PhotoRecord& record,
                                        const PhotoJobSettings& settings,
                                        const PhotoChoices& choices = {});

// Why a photo fails when its images are not made and the settings say not to make them (the
// assembly of a sharded build).
inline constexpr const char* kImagesNotMadeYet =
    "its images are not made yet (has every shard finished?)";

// How a photo stands against the catalogue at the start of a build.
enum class SourceStatus {
  kNew,        // not in the catalogue under this path
  kChanged,    // in the catalogue, but its size or mtime differ
  kUnchanged,  // as recorded: not read again
};

// The outcome of publishing one photo.
struct PublishedPhoto {
  SourceStatus status = SourceStatus::kNew;
  std::string content_hash;
  PhotoMetadata metadata;  // as read; the privacy policy is applied when pages are made
  int width = 0;           // as displayed
  int height = 0;
  std::vector<Derivative> derivatives;
  std::vector<Derivative> planned_files;  // with --dry-run: the derivatives that would be written
  std::optional<std::string> original_path;  // site-relative, with --include-originals
  std::string thumbhash;
  int files_written = 0;     // with --dry-run: files that would be written
  bool decoded = false;      // false when every derivative already existed (dry run: would decode)
  bool read = false;         // false when the catalogue vouched for the unchanged file
  bool other_shard = false;  // left to another shard (settings.shard): nothing else is set
  std::vector<std::string> warnings;  // published, but something was wrong (named in messages)
};

// Publishes one photo. When the catalogue knows the file unchanged (same path, size and mtime)
// and every derivative exists, nothing is read. Otherwise the photo is read once, its metadata
// and header come from those bytes, the derivatives the site lacks are rendered (names carry
// their recipe, so an existing file is always current), and the catalogue is updated.
// With settings.dry_run nothing is written (no image, no catalogue entry); the outcome says what
// would have been.
// Fails when the photo cannot be published at all; the error names the file and the reason.
// `recorded` is the catalogue's record for this path, if any (looked up by the caller, which
// loads the catalogue once for the whole build). A server renders a share's images into a private
// folder with the same call, with settings of its own.
[[nodiscard]] Result<PublishedPhoto> publish_photo(const scan::SourceFile& source,
                                                   const catalogue::PhotoRecord* recorded,
                                                   const PhotoJobSettings& settings,
                                                   const imaging::Libvips& libvips,
                                                   catalogue::Catalogue& catalogue,
                                                   const PhotoChoices& choices = {});

// The derivatives publish_photo makes of a photo the catalogue knows (content hash and displayed
// size recorded), named without reading the file: a server links a share's images before they
// are rendered.
std::vector<Derivative> planned_derivatives(const catalogue::PhotoRecord& record,
                                            const PhotoJobSettings& settings);

}  // namespace vern::publish
