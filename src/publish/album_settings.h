#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "imaging/derivative_plan.h"
#include "publish/photo_job.h"
#include "scan/source_tree.h"
#include "site/gallery.h"

namespace vern::publish {

// The album settings file looked for in every folder.
inline constexpr const char* kAlbumFileName = "album.toml";

// The photographer's words for one album: the album's folder under the texts folder of
// `vernissage build --texts DIR` (which mirrors the photo tree, so that the words can live apart
// from the photos), and the album's own folder. A file in the texts folder wins over the file of
// the same name beside the photos; files are never merged.
struct AlbumTextFolders {
  std::filesystem::path photos;                // PHOTOS/<album>
  std::optional<std::filesystem::path> texts;  // TEXTS/<album>, with --texts
};

// Those of the album's text files `names` that are there, in the order they win: each one in the
// texts folder (looked up on disk: the texts folder is not scanned), then each one the scan found
// in the photo folder. album.toml and the captions are found this way.
std::vector<std::filesystem::path> album_text_files(const AlbumTextFolders& folders,
                                                    const scan::Folder& folder,
                                                    const std::vector<std::string>& names);

// What album.toml decides about the making of the album's images, rather than its pages.
struct AlbumChoices {
  std::optional<imaging::RawMode> raw;      // raw = "preview" | "develop"
  std::map<std::string, int> orientations;  // [photos."NAME"] orientation = 1..8, by file name

  // The choices for `photo` (a RAW+JPEG pair answers to either file's name).
  PhotoChoices for_photo(const scan::SourceFile& photo) const;
};

// Reads album.toml, from the texts folder if it holds one, else from the photo folder when the
// scan found one there:
//   title = "..."          shown instead of the folder name
//   description = "..."    shown under the title and in the feed
//   cover = "IMG_1.jpg"    a photo of this folder (no paths: nothing outside the folder)
//   sort = "taken" | "taken-desc" | "name"
//   hidden = true          built, but not listed on the parent page, in the feed or sitemap
//   raw = "preview" | "develop"    how this album's camera RAWs become pixels
//   [photos."IMG_1.jpg"]   one photo of this folder:
//   orientation = 1        EXIF orientation 1..8 overruling the file's tag and sidecar
//   title, year, medium, print_size, edition, price, plate    the photo as a work of the show
//                          (publish/work_fields.h says what each takes)
// Errors name the file, the key and (for a value) the line; the caller keeps the defaults then.
// `choices`, when given, receives the image settings.
[[nodiscard]] Result<site::AlbumSettings> read_album_settings(const AlbumTextFolders& folders,
                                                              const scan::Folder& folder,
                                                              AlbumChoices* choices = nullptr);

// The same, for album.toml text already in memory; `file` names it in errors.
[[nodiscard]] Result<site::AlbumSettings> parse_album_settings(std::string_view text,
                                                               const std::string& file,
                                                               const scan::Folder& folder,
                                                               AlbumChoices* choices = nullptr);

}  // namespace vern::publish
