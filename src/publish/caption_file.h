#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "publish/album_settings.h"
#include "scan/source_tree.h"
#include "site/work.h"

namespace vern::publish {

// A caption written beside a photo, in NAME.md or NAME.txt (NAME with or without the photo's
// extension). It may begin with front matter that gives the photo's facts as a work, as a static
// site generator's page would, in TOML between "+++" lines or YAML between "---" lines:
//
//   ---                                     +++
//   title: Snow under a street lamp         title = "Snow under a street lamp"
//   medium: Archival pigment print          medium = "Archival pigment print"
//   edition: 1/10                           edition = "1/10"
//   plate: 2                                plate = 2
//   ---                                     +++
//   Moscow, the first snow of 2019.         Moscow, the first snow of 2019.
//
// The keys are album.toml's work fields (publish/work_fields.h), checked the same way.
struct CaptionFile {
  std::string file;                 // its path, for messages
  std::string caption;              // the text after the front matter, without blank lines around
  site::Work work;                  // what the front matter says
  std::vector<std::string> fields;  // the work fields it set, in the order written
};

// Splits and reads one caption file's text; `file` names it in errors, with the line of the
// value at fault ("a.jpg.md:3: edition must be ...").
[[nodiscard]] Result<CaptionFile> parse_caption_file(std::string_view text,
                                                     const std::string& file);

// The caption file of the photo `photo_file_name` of `folder`: the texts folder is looked in
// first (any of the four names there wins), then the photo folder; a file empty but for blank
// lines does not count. nullopt when there is none; an error when its front matter is wrong.
[[nodiscard]] Result<std::optional<CaptionFile>> read_caption_file(
    const AlbumTextFolders& folders, const scan::Folder& folder,
    const std::string& photo_file_name);

// Sets on `work` the fields `caption` gives. A field album.toml's [photos."NAME"] gives too is an
// error naming both files: the show's facts are written in one place.
[[nodiscard]] Result<void> add_caption_work(const CaptionFile& caption,
                                            const std::string& album_file, site::Work& work);

}  // namespace vern::publish
