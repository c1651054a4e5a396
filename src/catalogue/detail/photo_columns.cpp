#include "catalogue/detail/photo_columns.h"

#include <array>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "catalogue/detail/sqlite_handles.h"

namespace vern::catalogue::detail {
namespace {

std::optional<int> column_int(sqlite3_stmt* s, int index) {
  if (sqlite3_column_type(s, index) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int(s, index);
}
std::optional<double> column_double(sqlite3_stmt* s, int index) {
  if (sqlite3_column_type(s, index) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_double(s, index);
}

std::string_view column_view(sqlite3_stmt* s, int index) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, index));
  return text ? std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(s, index)))
              : std::string_view("[]");
}

// Keywords are stored as the JSON array put() writes. A search reads thousands of rows, so the
// common case (strings without \u escapes) is read here directly; anything else goes to the JSON
// parser.
std::vector<std::string> read_keywords(std::string_view json) {
  std::vector<std::string> keywords;
  std::size_t i = 0;
  const auto fallback = [&] {
    keywords.clear();
    const auto parsed = nlohmann::json::parse(json, nullptr, false);
    if (parsed.is_array()) {
      for (const auto& k : parsed) {
        if (k.is_string()) keywords.push_back(k.get<std::string>());
      }
    }
    return keywords;
  };
  if (json.size() < 2 || json.front() != '[' || json.back() != ']') return fallback();
  for (i = 1; i + 1 < json.size();) {
    if (json[i] == ',') ++i;
    if (json[i] != '"') return fallback();
    std::string keyword;
    for (++i; i < json.size() && json[i] != '"'; ++i) {
      if (json[i] != '\\') {
        keyword += json[i];
        continue;
      }
      if (++i >= json.size()) return fallback();
      switch (json[i]) {
        case '"':
        case '\\':
        case '/':
          keyword += json[i];
          break;
        case 'n':
          keyword += '\n';
          break;
        case 't':
          keyword += '\t';
          break;
        case 'r':
          keyword += '\r';
          break;
        case 'b':
          keyword += '\b';
          break;
        case 'f':
          keyword += '\f';
          break;
        default:
          return fallback();
      }
    }
    if (i >= json.size()) return fallback();
    ++i;  // the closing quote
    keywords.push_back(std::move(keyword));
  }
  return keywords;
}

template <class T>
void bind_value_of(sqlite3_stmt* s, int index, const T& value) {
  bind_optional(s, index, std::optional<T>(value));
}

std::string strings_json(const std::vector<std::string>& strings) {
  return nlohmann::json(strings).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string keywords_json(const PhotoMetadata& m) { return strings_json(m.keywords); }

// clang-format off
constexpr std::array<PhotoColumn, 36> kColumns = {{
  {"path",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_value_of(s, i, r.path); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.path = column_text(s, i).value_or(""); }},
  {"size_bytes",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) {
     sqlite3_bind_int64(s, i, static_cast<sqlite3_int64>(r.size_bytes)); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) {
     row.record.size_bytes = static_cast<std::uintmax_t>(sqlite3_column_int64(s, i)); }},
  {"mtime_ns",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { sqlite3_bind_int64(s, i, r.mtime_ns); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.mtime_ns = sqlite3_column_int64(s, i); }},
  {"content_hash",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_value_of(s, i, r.content_hash); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) {
     row.record.content_hash = column_text(s, i).value_or(""); }},
  {"format",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_value_of(s, i, r.format); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.format = column_text(s, i).value_or(""); }},
  {"width",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_optional(s, i, r.metadata.width); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.metadata.width = column_int(s, i); }},
  {"height",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_optional(s, i, r.metadata.height); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.metadata.height = column_int(s, i); }},
  {"orientation",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_optional(s, i, r.metadata.orientation); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.metadata.orientation = column_int(s, i); }},
  {"taken_at",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_optional(s, i, r.metadata.taken_at); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.metadata.taken_at = column_text(s, i); }},
  {"camera_make",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_optional(s, i, r.metadata.camera_make); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.metadata.camera_make = column_text(s, i); }},
  {"camera_model",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_optional(s, i, r.metadata.camera_model); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.metadata.camera_model = column_text(s, i); }},
  {"lens",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_optional(s, i, r.metadata.lens); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.metadata.lens = column_text(s, i); }},
  {"focal_length_mm",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_optional(s, i, r.metadata.focal_length_mm); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.metadata.focal_length_mm = column_double(s, i); }},
  {"aperture",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_optional(s, i, r.metadata.aperture); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.metadata.aperture = column_double(s, i); }},
  {"exposure_time_s",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_optional(s, i, r.metadata.exposure_time_s); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.metadata.exposure_time_s = column_double(s, i); }},
  {"iso",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_optional(s, i, r.metadata.iso); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.metadata.iso = column_int(s, i); }},
  {"gps_lat",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) {
     const auto& gps = r.metadata.gps;
     bind_optional(s, i, gps ? std::optional(gps->latitude) : std::nullopt); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.latitude = column_double(s, i); }},
  {"gps_lon",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) {
     const auto& gps = r.metadata.gps;
     bind_optional(s, i, gps ? std::optional(gps->longitude) : std::nullopt); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.longitude = column_double(s, i); }},
  {"gps_alt_m",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) {
     const auto& gps = r.metadata.gps;
     bind_optional(s, i, gps ? gps->altitude_m : std::nullopt); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.altitude_m = column_double(s, i); }},
  {"title",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_optional(s, i, r.metadata.title); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.metadata.title = column_text(s, i); }},
  {"caption",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_optional(s, i, r.metadata.caption); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.metadata.caption = column_text(s, i); }},
  {"keywords",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_value_of(s, i, keywords_json(r.metadata)); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) {
     row.record.metadata.keywords = read_keywords(column_view(s, i)); }},
  {"creator",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_optional(s, i, r.metadata.creator); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.metadata.creator = column_text(s, i); }},
  {"copyright",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_optional(s, i, r.metadata.copyright); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.metadata.copyright = column_text(s, i); }},
  {"rating",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_optional(s, i, r.metadata.rating); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.metadata.rating = column_int(s, i); }},
  {"thumbhash",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_value_of(s, i, r.thumbhash); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.thumbhash = column_text(s, i).value_or(""); }},
  {"decode_problem",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_value_of(s, i, r.decode_problem); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) {
     row.record.decode_problem = column_text(s, i).value_or(""); }},
  {"missing",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_value_of(s, i, r.missing ? 1 : 0); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.missing = sqlite3_column_int(s, i) != 0; }},
  {"id",
   nullptr,
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.id = sqlite3_column_int64(s, i); }},
  // Stored as the signed 64-bit integer with the same bits.
  {"perceptual_hash",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) {
     bind_optional(s, i, r.perceptual_hash ? std::optional(static_cast<std::int64_t>(*r.perceptual_hash))
                                           : std::nullopt); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) {
     if (sqlite3_column_type(s, i) != SQLITE_NULL) {
       row.record.perceptual_hash = static_cast<std::uint64_t>(sqlite3_column_int64(s, i));
     } }},
  {"label",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_optional(s, i, r.metadata.label); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.metadata.label = column_text(s, i); }},
  {"attached",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_value_of(s, i, r.attached); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.attached = column_text(s, i).value_or(""); }},
  {"companions",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_value_of(s, i, strings_json(r.companions)); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.companions = read_keywords(column_view(s, i)); }},
  {"file_orientation",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) { bind_value_of(s, i, r.file_orientation); },
   [](sqlite3_stmt* s, int i, PhotoRow& row) { row.record.file_orientation = sqlite3_column_int(s, i); }},
  // For queries by name and folder: derived from the path, never read back.
  {"file_name",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) {
     bind_value_of(s, i, std::filesystem::path(r.path).filename().string()); },
   nullptr},
  {"folder",
   [](sqlite3_stmt* s, int i, const PhotoRecord& r) {
     bind_value_of(s, i, std::filesystem::path(r.path).parent_path().string()); },
   nullptr},
}};
// clang-format on

}  // namespace

std::span<const PhotoColumn> photo_columns() { return kColumns; }

const std::string& photo_select_list() {
  static const std::string list = [] {
    std::string out;
    for (const auto& column : kColumns) {
      if (column.read == nullptr) continue;
      out += (out.empty() ? "p." : ", p.") + std::string(column.name);
    }
    return out;
  }();
  return list;
}

const std::string& photo_upsert_sql() {
  static const std::string sql = [] {
    std::string names, values, updates;
    int index = 0;
    for (const auto& column : kColumns) {
      if (column.bind == nullptr) continue;
      const std::string name = column.name;
      const std::string separator = index == 0 ? "" : ", ";
      ++index;
      names += separator + name;
      values += separator + "?" + std::to_string(index);
      if (name != "path") updates += (updates.empty() ? "" : ", ") + name + " = excluded." + name;
    }
    return "INSERT INTO photos (" + names + ") VALUES (" + values +
           ") ON CONFLICT(path) DO UPDATE SET " + updates;
  }();
  return sql;
}

void bind_photo_record(sqlite3_stmt* statement, const PhotoRecord& record) {
  int index = 0;
  for (const auto& column : kColumns) {
    if (column.bind != nullptr) column.bind(statement, ++index, record);
  }
}

PhotoRecord read_photo_row(sqlite3_stmt* statement) {
  PhotoRow row;
  int index = 0;
  for (const auto& column : kColumns) {
    if (column.read != nullptr) column.read(statement, index++, row);
  }
  if (row.latitude && row.longitude) {
    row.record.metadata.gps = GpsPosition{*row.latitude, *row.longitude, row.altitude_m};
  }
  return std::move(row.record);
}

}  // namespace vern::catalogue::detail
