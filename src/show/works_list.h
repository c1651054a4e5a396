#pragma once

#include <string>
#include <vector>

#include "site/gallery.h"

namespace vern::show {

// One line of the list of works, as a gallery's price list and insurance schedule take it.
struct WorkLine {
  std::string plate;  // "" when the photographer gave none
  std::string title;
  std::string year;
  std::string medium, print_size, edition, price;
  std::string album;  // the album's title
  std::string file;   // the photo's path under PHOTOS
  std::string caption;
};

// Every photo of the show in its order: by plate number where the photographer gave one, then
// the others in the site's order (album by album, depth first).
std::vector<const site::Photo*> works_in_order(const site::Album& gallery);

// The works of the show in its order (works_in_order()): every field as it is printed,
// the year from the capture time where none was given.
std::vector<WorkLine> work_lines(const std::vector<const site::Photo*>& works,
                                 const site::Album& gallery);

// RFC 4180 CSV, UTF-8 with a byte-order mark, a header line of the field names:
// plate,title,year,medium,print_size,edition,price,album,file,caption
std::string works_csv(const std::vector<WorkLine>& lines);

// The same as a table for a terminal: plate, title, year, medium, size, edition, price.
std::string works_table(const std::vector<WorkLine>& lines);

}  // namespace vern::show
