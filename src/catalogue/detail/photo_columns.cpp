#include "catalogue/detail/photo_columns.h"

#include <array>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

namespace vern::catalogue::detail {
namespace {

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

// A JSON list column; NULL reads as an empty list.
std::vector<std::string> read_list(const RowCells& row, int index) {
  return row.is_null(index) ? std::vector<std::string>() : read_keywords(row.text(index));
}

std::string text_of(const RowCells& row, int index) { return std::string(row.text(index)); }

// clang-format off
#define VERN_COLUMN(name, value_expr, read_stmt)                         \
  PhotoColumn{name, [](const PhotoRecord& r) -> SqlValue { return value_expr; }, \
              [](const RowCells& c, int i, PhotoRow& row) { read_stmt; }}
constexpr std::array<PhotoColumn, 36> kColumns = {{
  VERN_COLUMN("path", r.path, row.record.path = text_of(c, i)),
  VERN_COLUMN("size_bytes", static_cast<std::int64_t>(r.size_bytes),
              row.record.size_bytes = static_cast<std::uintmax_t>(c.integer(i))),
  VERN_COLUMN("mtime_ns", r.mtime_ns, row.record.mtime_ns = c.integer(i)),
  VERN_COLUMN("content_hash", r.content_hash, row.record.content_hash = text_of(c, i)),
  VERN_COLUMN("format", r.format, row.record.format = text_of(c, i)),
  VERN_COLUMN("width", sql_value(r.metadata.width), row.record.metadata.width = c.optional_int(i)),
  VERN_COLUMN("height", sql_value(r.metadata.height), row.record.metadata.height = c.optional_int(i)),
  VERN_COLUMN("orientation", sql_value(r.metadata.orientation),
              row.record.metadata.orientation = c.optional_int(i)),
  VERN_COLUMN("taken_at", sql_value(r.metadata.taken_at),
              row.record.metadata.taken_at = c.optional_text(i)),
  VERN_COLUMN("camera_make", sql_value(r.metadata.camera_make),
              row.record.metadata.camera_make = c.optional_text(i)),
  VERN_COLUMN("camera_model", sql_value(r.metadata.camera_model),
              row.record.metadata.camera_model = c.optional_text(i)),
  VERN_COLUMN("lens", sql_value(r.metadata.lens), row.record.metadata.lens = c.optional_text(i)),
  VERN_COLUMN("focal_length_mm", sql_value(r.metadata.focal_length_mm),
              row.record.metadata.focal_length_mm = c.optional_real(i)),
  VERN_COLUMN("aperture", sql_value(r.metadata.aperture),
              row.record.metadata.aperture = c.optional_real(i)),
  VERN_COLUMN("exposure_time_s", sql_value(r.metadata.exposure_time_s),
              row.record.metadata.exposure_time_s = c.optional_real(i)),
  VERN_COLUMN("iso", sql_value(r.metadata.iso), row.record.metadata.iso = c.optional_int(i)),
  VERN_COLUMN("gps_lat", r.metadata.gps ? SqlValue(r.metadata.gps->latitude) : SqlValue(),
              row.latitude = c.optional_real(i)),
  VERN_COLUMN("gps_lon", r.metadata.gps ? SqlValue(r.metadata.gps->longitude) : SqlValue(),
              row.longitude = c.optional_real(i)),
  VERN_COLUMN("gps_alt_m", r.metadata.gps ? sql_value(r.metadata.gps->altitude_m) : SqlValue(),
              row.altitude_m = c.optional_real(i)),
  VERN_COLUMN("title", sql_value(r.metadata.title), row.record.metadata.title = c.optional_text(i)),
  VERN_COLUMN("caption", sql_value(r.metadata.caption),
              row.record.metadata.caption = c.optional_text(i)),
  VERN_COLUMN("keywords", json_list(r.metadata.keywords),
              row.record.metadata.keywords = read_list(c, i)),
  VERN_COLUMN("creator", sql_value(r.metadata.creator),
              row.record.metadata.creator = c.optional_text(i)),
  VERN_COLUMN("copyright", sql_value(r.metadata.copyright),
              row.record.metadata.copyright = c.optional_text(i)),
  VERN_COLUMN("rating", sql_value(r.metadata.rating), row.record.metadata.rating = c.optional_int(i)),
  VERN_COLUMN("thumbhash", r.thumbhash, row.record.thumbhash = text_of(c, i)),
  VERN_COLUMN("decode_problem", r.decode_problem, row.record.decode_problem = text_of(c, i)),
  VERN_COLUMN("missing", std::int64_t{r.missing ? 1 : 0}, row.record.missing = c.integer(i) != 0),
  PhotoColumn{"id", nullptr,
              [](const RowCells& c, int i, PhotoRow& row) { row.record.id = c.integer(i); }},
  // Stored as the signed 64-bit integer with the same bits.
  VERN_COLUMN("perceptual_hash",
              r.perceptual_hash ? SqlValue(static_cast<std::int64_t>(*r.perceptual_hash)) : SqlValue(),
              if (!c.is_null(i)) row.record.perceptual_hash = static_cast<std::uint64_t>(c.integer(i))),
  VERN_COLUMN("label", sql_value(r.metadata.label), row.record.metadata.label = c.optional_text(i)),
  VERN_COLUMN("attached", r.attached, row.record.attached = text_of(c, i)),
  VERN_COLUMN("companions", json_list(r.companions), row.record.companions = read_list(c, i)),
  VERN_COLUMN("file_orientation", std::int64_t{r.file_orientation},
              row.record.file_orientation = static_cast<int>(c.integer(i))),
  // For queries by name and folder: derived from the path, never read back.
  PhotoColumn{"file_name",
              [](const PhotoRecord& r) -> SqlValue {
                return std::filesystem::path(r.path).filename().string(); },
              nullptr},
  PhotoColumn{"folder",
              [](const PhotoRecord& r) -> SqlValue {
                return std::filesystem::path(r.path).parent_path().string(); },
              nullptr},
}};
#undef VERN_COLUMN
// clang-format on

}  // namespace

std::string json_list(const std::vector<std::string>& strings) {
  return nlohmann::json(strings).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

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

std::string photo_upsert_sql(char marker, const std::vector<std::string>& extra) {
  std::vector<std::string> written;
  for (const auto& column : kColumns) {
    if (column.value != nullptr) written.emplace_back(column.name);
  }
  written.insert(written.end(), extra.begin(), extra.end());
  std::string names, values, updates;
  int index = 0;
  for (const auto& name : written) {
    const std::string separator = index == 0 ? "" : ", ";
    ++index;
    names += separator + name;
    values += separator + marker + std::to_string(index);
    if (name != "path") updates += (updates.empty() ? "" : ", ") + name + " = excluded." + name;
  }
  return "INSERT INTO photos (" + names + ") VALUES (" + values +
         ") ON CONFLICT(path) DO UPDATE SET " + updates;
}

std::vector<SqlValue> photo_values(const PhotoRecord& record) {
  std::vector<SqlValue> values;
  values.reserve(kColumns.size());
  for (const auto& column : kColumns) {
    if (column.value != nullptr) values.push_back(column.value(record));
  }
  return values;
}

PhotoRecord read_photo_row(const RowCells& cells) {
  PhotoRow row;
  int index = 0;
  for (const auto& column : kColumns) {
    if (column.read != nullptr) column.read(cells, index++, row);
  }
  if (row.latitude && row.longitude) {
    row.record.metadata.gps = GpsPosition{*row.latitude, *row.longitude, row.altitude_m};
  }
  return std::move(row.record);
}

}  // namespace vern::catalogue::detail
