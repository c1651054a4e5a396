#include "publish/caption_file.h"

#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>

#include "core/file_bytes.h"
#include "publish/work_fields.h"

namespace vern::publish {
namespace {

// The photographer's own words: surrounding blank lines go, inner lines stay.
std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// Front matter: the lines between an opening fence on the first line and the same fence alone on
// a later line (YAML may also close with "..."). `body_line` is the file's line of the block's
// first line.
struct FrontMatter {
  bool yaml = false;
  std::string_view block;
  std::string_view rest;
  int body_line = 2;
};

std::string_view line_without_end(std::string_view line) {
  if (line.ends_with('\n')) line.remove_suffix(1);
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

std::optional<FrontMatter> split_front_matter(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte-order mark
  const auto first_end = text.find('\n');
  if (first_end == std::string_view::npos) return std::nullopt;
  const std::string_view fence = line_without_end(text.substr(0, first_end + 1));
  if (fence != "---" && fence != "+++") return std::nullopt;
  FrontMatter matter;
  matter.yaml = fence == "---";
  std::size_t at = first_end + 1;
  while (at < text.size()) {
    const auto end = text.find('\n', at);
    const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    const std::string_view line = line_without_end(text.substr(at, next - at));
    if (line == fence || (matter.yaml && line == "...")) {
      matter.block = text.substr(first_end + 1, at - first_end - 1);
      matter.rest = text.substr(next);
      return matter;
    }
    at = next;
  }
  return std::nullopt;  // never closed: it is all caption, as written
}

Result<void> at_line(const std::string& file, long line, const std::string& message) {
  return fail(ErrorCode::kInvalidInput, message, file + ":" + std::to_string(line));
}

Result<void> read_field(const std::string& name, const toml::node& value, const std::string& file,
                        long line, CaptionFile& out) {
  if (!is_work_field(name)) {
    return at_line(file, line,
                   "unknown field \"" + name +
                       "\" (title, year, medium, print_size, edition, price or plate)");
  }
  if (std::find(out.fields.begin(), out.fields.end(), name) != out.fields.end()) {
    return at_line(file, line, name + " is given twice");
  }
  if (auto r = read_work_field(name, value, out.work); !r) {
    return at_line(file, line, r.error().message);
  }
  out.fields.push_back(name);
  return {};
}

Result<void> read_toml(const FrontMatter& matter, const std::string& file, CaptionFile& out) {
  toml::table table;
  try {
    table = toml::parse(matter.block, file);
  } catch (const toml::parse_error& e) {
    return at_line(file, matter.body_line - 1 + e.source().begin.line,
                   "front matter: " + std::string(e.description()));
  }
  for (const auto& [key, value] : table) {
    const long line = matter.body_line - 1 + value.source().begin.line;
    if (auto r = read_field(std::string(key.str()), value, file, line, out); !r) return r;
  }
  return {};
}

// A YAML scalar as the TOML value album.toml would hold: a whole number when it reads as one
// (YAML's own rule), else text.
std::optional<toml::value<int64_t>> yaml_integer(const YAML::Node& node) {
  if (node.Tag() == "!") return std::nullopt;  // quoted: text, whatever it looks like
  try {
    return toml::value<int64_t>(node.as<int64_t>());
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
}

Result<void> read_yaml(const FrontMatter& matter, const std::string& file, CaptionFile& out) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(matter.block));
  } catch (const YAML::Exception& e) {
    return at_line(file, matter.body_line + e.mark.line, "front matter: " + e.msg);
  }
  if (root.IsNull()) return {};
  if (!root.IsMap()) {
    return at_line(file, matter.body_line, "front matter must be \"field: value\" lines");
  }
  for (const auto& entry : root) {
    const std::string name = entry.first.Scalar();
    const long line = matter.body_line + entry.first.Mark().line;
    const YAML::Node& value = entry.second;
    if (!value.IsScalar()) {
      return at_line(file, line, name + " must be one value, not a list or a table");
    }
    Result<void> r;
    if (const auto number = yaml_integer(value)) {
      r = read_field(name, *number, file, line, out);
    } else {
      r = read_field(name, toml::value<std::string>(value.Scalar()), file, line, out);
    }
    if (!r) return r;
  }
  return {};
}

}  // namespace

Result<CaptionFile> parse_caption_file(std::string_view text, const std::string& file) {
  CaptionFile caption;
  caption.file = file;
  const auto matter = split_front_matter(text);
  if (!matter) {
    caption.caption = trimmed(text);
    return caption;
  }
  if (auto r = matter->yaml ? read_yaml(*matter, file, caption) : read_toml(*matter, file, caption);
      !r) {
    return tl::unexpected(r.error());
  }
  caption.caption = trimmed(matter->rest);
  return caption;
}

Result<std::optional<CaptionFile>> read_caption_file(const AlbumTextFolders& folders,
                                                     const scan::Folder& folder,
                                                     const std::string& photo_file_name) {
  const std::string stem = std::filesystem::path(photo_file_name).stem().string();
  std::vector<std::string> names;
  for (const std::string& base : {photo_file_name, stem}) {
    for (const char* ext : {".md", ".txt"}) names.push_back(base + ext);
  }
  for (const auto& path : album_text_files(folders, folder, names)) {
    const std::string text = read_text_file(path).value_or("");
    if (trimmed(text).empty()) continue;
    auto caption = parse_caption_file(text, path.string());
    if (!caption) return tl::unexpected(caption.error());
    return std::optional<CaptionFile>(std::move(*caption));
  }
  return std::optional<CaptionFile>();
}

Result<void> add_caption_work(const CaptionFile& caption, const std::string& album_file,
                              site::Work& work) {
  const site::Work& from = caption.work;
  // The fields both files give, checked before anything is taken: on an error, `work` is as
  // album.toml left it.
  const std::vector<std::pair<const char*, bool>> both = {
      {"title", from.title && work.title},       {"year", from.year && work.year},
      {"medium", from.medium && work.medium},    {"print_size", from.print_size && work.print_size},
      {"edition", from.edition && work.edition}, {"price", from.price && work.price},
      {"plate", from.plate && work.plate}};
  for (const auto& [name, twice] : both) {
    if (twice) {
      return fail(ErrorCode::kInvalidInput,
                  std::string(name) + " is given both here and in " + album_file +
                      "; write it in one of them",
                  caption.file);
    }
  }
  if (from.title) work.title = from.title;
  if (from.year) work.year = from.year;
  if (from.medium) work.medium = from.medium;
  if (from.print_size) work.print_size = from.print_size;
  if (from.edition) work.edition = from.edition;
  if (from.price) work.price = from.price;
  if (from.plate) work.plate = from.plate;
  return {};
}

}  // namespace vern::publish
