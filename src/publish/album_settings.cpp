#include "publish/album_settings.h"

#include <toml++/toml.h>

#include <algorithm>
#include <map>
#include <vector>

#include "core/file_bytes.h"
#include "publish/work_fields.h"

namespace vern::publish {
namespace {

bool has_file(const scan::Folder& folder, const std::string& name) {
  return std::find(folder.other_files.begin(), folder.other_files.end(), name) !=
         folder.other_files.end();
}

bool is_file(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

bool names_photo_here(const scan::Folder& folder, const std::string& name) {
  return std::any_of(folder.photos.begin(), folder.photos.end(), [&](const scan::SourceFile& p) {
    if (p.absolute_path.filename() == name) return true;
    return std::any_of(p.companions.begin(), p.companions.end(), [&](const scan::AttachedFile& c) {
      return c.absolute_path.filename() == name;
    });
  });
}

// [photos."NAME"] tables: settings of one photo of this folder each.
Result<void> read_photo_tables(const toml::node& node, const std::string& file,
                               const scan::Folder& folder, AlbumChoices& choices,
                               site::AlbumSettings& album) {
  const auto at_line = [&](const toml::node& n) {
    return file + ":" + std::to_string(n.source().begin.line);
  };
  const auto* photos = node.as_table();
  if (photos == nullptr) {
    return fail(ErrorCode::kInvalidInput, "\"photos\" must be tables: [photos.\"NAME.jpg\"]",
                at_line(node));
  }
  for (const auto& [photo_key, photo_node] : *photos) {
    const std::string photo(photo_key.str());
    const auto* settings = photo_node.as_table();
    if (settings == nullptr || !names_photo_here(folder, photo)) {
      return fail(ErrorCode::kInvalidInput,
                  "[photos.\"" + photo + "\"] must name a photo of this folder",
                  at_line(photo_node));
    }
    for (const auto& [key, value] : *settings) {
      const std::string name(key.str());
      if (name == "orientation") {
        const auto orientation = value.value<int64_t>();
        if (!orientation || *orientation < 1 || *orientation > 8) {
          return fail(ErrorCode::kInvalidInput,
                      "photos.\"" + photo + "\".orientation must be an EXIF orientation, 1 to 8",
                      at_line(value));
        }
        choices.orientations[photo] = static_cast<int>(*orientation);
      } else if (is_work_field(name)) {
        if (auto r = read_work_field(name, value, album.works[photo]); !r) {
          return fail(ErrorCode::kInvalidInput, "photos.\"" + photo + "\"." + r.error().message,
                      at_line(value));
        }
      } else {
        return fail(ErrorCode::kInvalidInput,
                    "unknown setting \"" + name + "\" for photo \"" + photo + "\"", at_line(value));
      }
    }
  }
  // A plate number is a work's place in the show: two works cannot share one.
  std::map<int, std::string> plates;
  for (const auto& [photo, work] : album.works) {
    if (!work.plate) continue;
    if (const auto [it, added] = plates.emplace(*work.plate, photo); !added) {
      return fail(ErrorCode::kInvalidInput,
                  "plate " + std::to_string(*work.plate) + " is given to both \"" + it->second +
                      "\" and \"" + photo + "\"",
                  file);
    }
  }
  return {};
}

}  // namespace

PhotoChoices AlbumChoices::for_photo(const scan::SourceFile& photo) const {
  PhotoChoices choices;
  choices.raw = raw;
  auto it = orientations.find(photo.absolute_path.filename().string());
  for (const auto& companion : photo.companions) {
    if (it == orientations.end())
      it = orientations.find(companion.absolute_path.filename().string());
  }
  if (it != orientations.end()) choices.orientation = it->second;
  return choices;
}

std::vector<std::filesystem::path> album_text_files(const AlbumTextFolders& folders,
                                                    const scan::Folder& folder,
                                                    const std::vector<std::string>& names) {
  std::vector<std::filesystem::path> files;
  if (folders.texts) {
    for (const auto& name : names) {
      if (is_file(*folders.texts / name)) files.push_back(*folders.texts / name);
    }
  }
  for (const auto& name : names) {
    if (has_file(folder, name)) files.push_back(folders.photos / name);
  }
  return files;
}

Result<site::AlbumSettings> read_album_settings(const AlbumTextFolders& folders,
                                                const scan::Folder& folder, AlbumChoices* choices) {
  const auto files = album_text_files(folders, folder, {kAlbumFileName});
  if (files.empty()) return site::AlbumSettings{};
  const std::filesystem::path& file = files.front();
  const auto text = read_text_file(file);
  if (!text) return fail(ErrorCode::kIo, "cannot read album settings", file.string());
  return parse_album_settings(*text, file.string(), folder, choices);
}

Result<site::AlbumSettings> parse_album_settings(std::string_view text, const std::string& file,
                                                 const scan::Folder& folder,
                                                 AlbumChoices* choices) {
  AlbumChoices read_choices;
  site::AlbumSettings settings;
  toml::table table;
  try {
    table = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    return fail(
        ErrorCode::kInvalidInput,
        "line " + std::to_string(e.source().begin.line) + ": " + std::string(e.description()),
        file);
  }
  const auto wrong = [&](const std::string& key, const std::string& expected) {
    return fail(ErrorCode::kInvalidInput, "setting \"" + key + "\" must be " + expected, file);
  };
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    if (name == "title" || name == "description" || name == "cover" || name == "sort") {
      const auto value = node.value<std::string>();
      if (!value) return wrong(name, "a string");
      if (name == "title") {
        settings.title = *value;
      } else if (name == "description") {
        settings.description = *value;
      } else if (name == "cover") {
        // Only a photo of this very folder: a path could point anywhere on the disk.
        const bool is_photo_here =
            std::any_of(folder.photos.begin(), folder.photos.end(),
                        [&](const auto& p) { return p.absolute_path.filename() == *value; });
        if (value->find('/') != std::string::npos || value->find('\\') != std::string::npos ||
            !is_photo_here) {
          return wrong("cover", "the file name of a photo in this folder (got \"" + *value + "\")");
        }
        settings.cover = *value;
      } else if (*value == "taken") {
        settings.order = site::PhotoOrder::kTakenAscending;
      } else if (*value == "taken-desc") {
        settings.order = site::PhotoOrder::kTakenDescending;
      } else if (*value == "name") {
        settings.order = site::PhotoOrder::kFileName;
      } else {
        return wrong("sort", "\"taken\", \"taken-desc\" or \"name\"");
      }
    } else if (name == "hidden") {
      const auto value = node.value<bool>();
      if (!value) return wrong(name, "true or false");
      settings.hidden = *value;
    } else if (name == "raw") {
      const auto value = node.value<std::string>();
      const auto mode = value ? imaging::raw_mode_from_name(*value) : std::nullopt;
      if (!mode) return wrong(name, "\"preview\" or \"develop\"");
      read_choices.raw = *mode;
    } else if (name == "photos") {
      if (auto r = read_photo_tables(node, file, folder, read_choices, settings); !r) {
        return tl::unexpected(r.error());
      }
    } else {
      return fail(ErrorCode::kInvalidInput, "unknown setting \"" + name + "\"", file);
    }
  }
  if (choices != nullptr) *choices = std::move(read_choices);
  return settings;
}

}  // namespace vern::publish
