#include "show/works_list.h"

#include <algorithm>
#include <map>

#include "core/csv.h"

namespace vern::show {
namespace {

// The album each photo belongs to, by the photo's address in the gallery.
void albums_of(const site::Album& album, std::map<const site::Photo*, const site::Album*>& out) {
  for (const auto& photo : album.photos) out[&photo] = &album;
  for (const auto& child : album.children) albums_of(child, out);
}

// The width of UTF-8 text in characters (what a terminal column counts, near enough).
std::size_t width(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void collect(const site::Album& album, std::vector<const site::Photo*>& out) {
  for (const auto& photo : album.photos) out.push_back(&photo);
  for (const auto& child : album.children) collect(child, out);
}

}  // namespace

std::vector<const site::Photo*> works_in_order(const site::Album& gallery) {
  std::vector<const site::Photo*> photos;
  collect(gallery, photos);
  std::stable_sort(photos.begin(), photos.end(), [](const site::Photo* a, const site::Photo* b) {
    const auto& pa = a->input.work.plate;
    const auto& pb = b->input.work.plate;
    if (pa && pb) return *pa < *pb;
    return pa.has_value() && !pb.has_value();
  });
  return photos;
}

std::vector<WorkLine> work_lines(const std::vector<const site::Photo*>& works,
                                 const site::Album& gallery) {
  std::map<const site::Photo*, const site::Album*> albums;
  albums_of(gallery, albums);
  std::vector<WorkLine> lines;
  for (const auto* photo : works) {
    const auto& work = photo->input.work;
    const auto& m = photo->input.metadata;
    WorkLine line;
    if (work.plate) line.plate = std::to_string(*work.plate);
    line.title = photo->title;
    if (const auto year = site::work_year(work, m)) line.year = std::to_string(*year);
    line.medium = work.medium.value_or("");
    line.print_size = work.print_size.value_or("");
    line.edition = work.edition.value_or("");
    line.price = work.price.value_or("");
    const auto album = albums.find(photo);
    if (album != albums.end()) line.album = album->second->title;
    line.file = photo->input.source_path;
    line.caption = m.caption.value_or("");
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string works_csv(const std::vector<WorkLine>& lines) {
  std::string csv = kCsvByteOrderMark;
  csv += "plate,title,year,medium,print_size,edition,price,album,file,caption\r\n";
  for (const auto& l : lines) {
    for (const auto* field : {&l.plate, &l.title, &l.year, &l.medium, &l.print_size, &l.edition,
                              &l.price, &l.album, &l.file}) {
      csv += csv_field(*field) + ",";
    }
    csv += csv_field(l.caption) + "\r\n";
  }
  return csv;
}

std::string works_table(const std::vector<WorkLine>& lines) {
  const std::vector<std::string> headers = {"PLATE", "TITLE",   "YEAR", "MEDIUM",
                                            "SIZE",  "EDITION", "PRICE"};
  std::vector<std::vector<std::string>> rows = {headers};
  for (const auto& l : lines) {
    rows.push_back({l.plate, l.title, l.year, l.medium, l.print_size, l.edition, l.price});
  }
  std::vector<std::size_t> widths(headers.size(), 0);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], width(row[i]));
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - width(row[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

}  // namespace vern::show
