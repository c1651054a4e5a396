#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "show/print_size.h"
#include "show/works_list.h"

namespace vern::show {

// How the printed exhibition catalogue is made.
struct BookLayout {
  PaperSize page = kA4;      // the trimmed page
  double bleed_mm = 0;       // > 0: every page grows by this on each side, with crop marks outside
  std::string title;         // the show's, on the cover
  std::string photographer;  // on the cover and in the PDF's metadata
  std::string statement;     // the photographer's words, a page after the cover; may be empty
};

// A picture as the book embeds it: JPEG bytes, which go into the PDF as they are.
struct BookPicture {
  std::string jpeg;
  int width = 0, height = 0;
};

// One plate of the book: a work and the picture to print.
struct BookPlate {
  WorkLine work;
  int width = 0, height = 0;  // the photo's displayed size, for its aspect
};

// The pixels needed on a picture's long edge for it to print at 300 ppi on its plate page, as a
// spread or a single page.
int plate_long_edge_pixels(const BookLayout& layout, int width, int height);

// What was made.
struct BookReport {
  int pages = 0, plates = 0, spreads = 0;
  double lowest_ppi = 0;  // of the plates as printed
  // Plates whose picture could not be made (a damaged file), each with the reason: left out of
  // the plates, still in the list of works.
  std::vector<Error> skipped;
};

// Writes the exhibition catalogue as a PDF (Cairo, Pango; EB Garamond and Inter embedded),
// atomically at `output`: a cover (title, photographer, the first plate's picture), the
// statement, the plates (a landscape one as a spread when it can begin on a left-hand page, the
// caption there and the picture across the right-hand one; any other on a page with its caption
// under it, so that no page is blank), and the list of works. `picture_of` gives each plate's
// picture, asked for at plate_long_edge_pixels(); a picture smaller than that is printed smaller,
// so that no plate falls under 300 ppi. A plate whose picture fails is left out and reported;
// the cover shows the first plate that has one.
[[nodiscard]] Result<BookReport> write_book(
    const std::vector<BookPlate>& plates, const BookLayout& layout,
    const std::function<Result<BookPicture>(std::size_t plate, int long_edge)>& picture_of,
    const std::filesystem::path& output);

}  // namespace vern::show
