#include "publish/album_settings.h"

#include <toml++/toml.h>

#include <algorithm>
#include <vector>

#include "core/file_bytes.h"

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

// Sidecar text is the photographer's own words: surrounding blank lines go, inner lines stay.
std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

}  // namespace

Result<site::AlbumSettings> read_album_settings(const AlbumTextFolders& folders,
                                                const scan::Folder& folder) {
  std::filesystem::path file;
  if (folders.texts && is_file(*folders.texts / kAlbumFileName)) {
    file = *folders.texts / kAlbumFileName;
  } else if (has_file(folder, kAlbumFileName)) {
    file = folders.photos / kAlbumFileName;
  } else {
    return site::AlbumSettings{};
  }
  const auto text = read_text_file(file);
  if (!text) return fail(ErrorCode::kIo, "cannot read album settings", file.string());
  return parse_album_settings(*text, file.string(), folder);
}

Result<site::AlbumSettings> parse_album_settings(std::string_view text, const std::string& file,
                                                 const scan::Folder& folder) {
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
    } else {
      return fail(ErrorCode::kInvalidInput, "unknown setting \"" + name + "\"", file);
    }
  }
  return settings;
}

std::optional<std::string> sidecar_caption(const AlbumTextFolders& folders,
                                           const scan::Folder& folder,
                                           const std::string& photo_file_name) {
  const std::string stem = std::filesystem::path(photo_file_name).stem().string();
  std::vector<std::string> names;
  for (const std::string& base : {photo_file_name, stem}) {
    for (const char* ext : {".md", ".txt"}) names.push_back(base + ext);
  }
  // The texts folder was not scanned: its files are looked up on disk.
  if (folders.texts) {
    for (const auto& name : names) {
      if (!is_file(*folders.texts / name)) continue;
      if (auto caption = trimmed(read_text_file(*folders.texts / name).value_or(""));
          !caption.empty()) {
        return caption;
      }
    }
  }
  for (const auto& name : names) {
    if (!has_file(folder, name)) continue;
    if (auto caption = trimmed(read_text_file(folders.photos / name).value_or(""));
        !caption.empty()) {
      return caption;
    }
  }
  return std::nullopt;
}

}  // namespace vern::publish
