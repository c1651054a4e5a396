#include "publish/gallery_input.h"

#include <map>

#include "core/privacy.h"
#include "publish/album_settings.h"
#include "publish/caption_file.h"

namespace vern::publish {
namespace {

// Where the album's own files are: its folder of photos, and its folder under --texts.
AlbumTextFolders text_folders_of(const BuildOptions& options, const scan::Folder& folder) {
  AlbumTextFolders folders{.photos = options.photos / folder.relative_path, .texts = {}};
  if (options.texts) folders.texts = *options.texts / folder.relative_path;
  return folders;
}

}  // namespace

site::FolderInput gallery_input(const BuildOptions& options, const scan::Folder& folder,
                                const PhotoInputOf& photo_of, Logger& logger,
                                std::vector<Error>& problems) {
  site::FolderInput input;
  input.name = folder.name;
  const auto text_folders = text_folders_of(options, folder);
  if (auto settings = read_album_settings(text_folders, folder); settings) {
    input.settings = std::move(*settings);
  } else {
    logger.warn(settings.error().describe() + " (album settings ignored)");
    problems.push_back(settings.error());
  }
  const auto& works = input.settings.works;
  const auto report = [&](const Error& error, const char* consequence) {
    logger.warn(error.describe() + consequence);
    problems.push_back(error);
  };
  std::map<int, std::string> plates;  // a plate number is one work's place in the show
  for (const auto& file : folder.photos) {
    auto photo = photo_of(file);
    if (!photo) continue;
    photo->source_path = file.relative_path;
    photo->file_name = file.absolute_path.filename().string();
    photo->metadata = publishable_metadata(std::move(photo->metadata), options.site.keep_location);
    // A RAW+JPEG pair's work may be set under either file's name.
    auto work = works.find(photo->file_name);
    for (const auto& companion : file.companions) {
      if (work == works.end()) work = works.find(companion.absolute_path.filename().string());
    }
    if (work != works.end()) photo->work = work->second;
    if (auto caption = read_caption_file(text_folders, folder, photo->file_name); !caption) {
      report(caption.error(), " (the caption file is ignored)");
    } else if (*caption) {
      if (!(*caption)->caption.empty()) photo->metadata.caption = (*caption)->caption;
      if (auto added = add_caption_work(**caption, kAlbumFileName, photo->work); !added) {
        report(added.error(), " (its front matter is ignored)");
      }
    }
    if (photo->work.plate) {
      if (const auto [it, added] = plates.emplace(*photo->work.plate, photo->file_name); !added) {
        report(Error{ErrorCode::kInvalidInput,
                     "plate " + std::to_string(*photo->work.plate) + " is given to both \"" +
                         it->second + "\" and \"" + photo->file_name + "\" (kept for the first)",
                     (options.photos / folder.relative_path).string()},
               "");
        photo->work.plate.reset();
      }
    }
    input.photos.push_back(std::move(*photo));
  }
  for (const auto& child : folder.children) {
    input.children.push_back(gallery_input(options, child, photo_of, logger, problems));
  }
  return input;
}

namespace {

void add_choices(const BuildOptions& options, const scan::Folder& folder,
                 std::map<const scan::SourceFile*, PhotoChoices>& out) {
  AlbumChoices choices;
  if (read_album_settings(text_folders_of(options, folder), folder, &choices)) {
    for (const auto& photo : folder.photos) out[&photo] = choices.for_photo(photo);
  }
  for (const auto& child : folder.children) add_choices(options, child, out);
}

}  // namespace

std::map<const scan::SourceFile*, PhotoChoices> photo_choices(const BuildOptions& options,
                                                              const scan::Folder& root) {
  std::map<const scan::SourceFile*, PhotoChoices> choices;
  add_choices(options, root, choices);
  return choices;
}

}  // namespace vern::publish
