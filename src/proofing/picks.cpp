#include "proofing/picks.h"

#include <nlohmann/json.hpp>

#include "core/atomic_write.h"
#include "core/csv.h"
#include "core/file_bytes.h"
#include "metadata/xmp_sidecar.h"

namespace vern::proofing {
namespace {

std::string file_name_of(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

std::string stem_of(const std::string& path) { return std::filesystem::path(path).stem().string(); }

// The longest run of the name without a space: what Lightroom's word filter can match.
std::string longest_word(const std::string& name) {
  std::string best;
  std::size_t start = 0;
  while (start <= name.size()) {
    const auto end = std::min(name.find(' ', start), name.size());
    if (end - start > best.size()) best = name.substr(start, end - start);
    start = end + 1;
  }
  return best;
}

}  // namespace

Result<std::vector<PickRow>> pick_rows(catalogue::ShareTable& shares, catalogue::Catalogue& photos,
                                       std::optional<std::int64_t> share) {
  std::vector<catalogue::Share> links;
  if (share) {
    auto found = shares.find(*share);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return fail(ErrorCode::kInvalidInput, "no share " + std::to_string(*share));
    links.push_back(std::move(**found));
  } else {
    auto all = shares.all();
    if (!all) return tl::unexpected(all.error());
    links = std::move(*all);
  }
  std::vector<PickRow> rows;
  for (const auto& link : links) {
    auto marks = shares.marks(link.id);
    if (!marks) return tl::unexpected(marks.error());
    for (const auto& mark : *marks) {
      auto photo = photos.find_by_id(mark.photo_id);
      if (!photo) return tl::unexpected(photo.error());
      PickRow row;
      row.share = link.id;
      row.to = link.recipient;
      row.path = *photo ? (*photo)->path : "";
      row.state = mark.state;
      row.rating = mark.rating;
      row.comment = mark.comment;
      // ISO 8601 UTC times of one width compare as the times they name.
      row.sent = link.sent && mark.updated <= *link.sent;
      row.updated = mark.updated;
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::string picks_json(const std::vector<PickRow>& rows) {
  auto list = nlohmann::ordered_json::array();
  for (const auto& row : rows) {
    nlohmann::ordered_json object;
    object["share"] = row.share;
    object["to"] = row.to;
    object["path"] = row.path;
    object["state"] = row.state ? nlohmann::ordered_json(*row.state) : nullptr;
    object["rating"] = row.rating ? nlohmann::ordered_json(*row.rating) : nullptr;
    object["comment"] = row.comment ? nlohmann::ordered_json(*row.comment) : nullptr;
    object["sent"] = row.sent;
    object["updated"] = row.updated;
    list.push_back(std::move(object));
  }
  return list.dump(2);
}

std::string picks_csv(const std::vector<PickRow>& rows) {
  std::string csv = kCsvByteOrderMark;
  csv += "file name,path,state,rating,comment,recipient,time\r\n";
  for (const auto& row : rows) {
    csv += csv_field(file_name_of(row.path)) + "," + csv_field(row.path) + "," +
           row.state.value_or("") + "," + (row.rating ? std::to_string(*row.rating) : "") + "," +
           csv_field(row.comment.value_or("")) + "," + csv_field(row.to) + "," + row.updated +
           "\r\n";
  }
  return csv;
}

FilterLines filter_lines(const std::vector<PickRow>& rows) {
  FilterLines lines;
  for (const auto& row : rows) {
    if (row.state != "pick" || row.path.empty()) continue;
    const auto stem = stem_of(row.path);
    lines.lightroom += (lines.lightroom.empty() ? "" : " ") + longest_word(stem);
    lines.capture_one += (lines.capture_one.empty() ? "" : ", ") + stem;
  }
  return lines;
}

Result<std::vector<std::filesystem::path>> write_xmp_sidecars(const std::vector<PickRow>& rows,
                                                              const std::filesystem::path& folder,
                                                              SidecarStyle style, bool force) {
  // Every sidecar is decided first, so a refusal leaves nothing half written.
  std::vector<std::pair<std::filesystem::path, metadata::SidecarMarks>> planned;
  for (const auto& row : rows) {
    if (row.path.empty() || (!row.state && !row.rating)) continue;
    metadata::SidecarMarks marks;
    marks.rating = row.state == "reject" ? std::optional<int>(-1) : row.rating;
    if (row.state == "pick") marks.label = "Green";
    const auto name = style == SidecarStyle::kAdobe ? stem_of(row.path) + ".xmp"
                                                    : file_name_of(row.path) + ".xmp";
    const auto file = folder / name;
    if (!force && path_exists(file)) {
      return fail(ErrorCode::kInvalidInput, "exists already (--force writes over it)", file);
    }
    planned.emplace_back(file, marks);
  }
  std::vector<std::filesystem::path> written;
  for (const auto& [file, marks] : planned) {
    auto packet = metadata::xmp_sidecar(marks);
    if (!packet) return tl::unexpected(packet.error());
    if (auto r = write_file_atomically(file, *packet); !r) return tl::unexpected(r.error());
    written.push_back(file);
  }
  return written;
}

Result<int> ratings_to_catalogue(const std::vector<PickRow>& rows, catalogue::Catalogue& photos,
                                 bool overwrite) {
  int changed = 0;
  for (const auto& row : rows) {
    if (!row.rating || row.path.empty()) continue;
    auto record = photos.find(row.path);
    if (!record) return tl::unexpected(record.error());
    if (!*record || (!overwrite && (*record)->metadata.rating)) continue;
    if ((*record)->metadata.rating == row.rating) continue;
    (*record)->metadata.rating = row.rating;
    if (auto put = photos.put(**record); !put) return tl::unexpected(put.error());
    ++changed;
  }
  return changed;
}

}  // namespace vern::proofing
