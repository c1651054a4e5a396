#include "show/exhibition_book.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "core/atomic_write.h"
#include "show/cairo_handles.h"
#include "show/print_finish.h"

namespace vern::show {
namespace {

constexpr double kPrintPpi = 300;
constexpr double kSlugMm = 10;     // beyond the bleed, where the crop marks go
constexpr double kCaptionMm = 24;  // under a portrait plate's picture
constexpr const char* kSerif = "EB Garamond 12";
constexpr const char* kSans = "Inter";

// The trimmed page within the PDF page, and the boxes on it, in points.
struct Geometry {
  double trim_w, trim_h, bleed, slug, margin;
  double page_w() const { return trim_w + 2 * (bleed + slug); }
  double page_h() const { return trim_h + 2 * (bleed + slug); }
  double origin() const { return bleed + slug; }
};

Geometry geometry_of(const BookLayout& layout) {
  Geometry g{points(layout.page.width_mm), points(layout.page.height_mm), points(layout.bleed_mm),
             layout.bleed_mm > 0 ? points(kSlugMm) : 0, 0};
  g.margin = std::min(points(18), 0.09 * std::min(g.trim_w, g.trim_h));
  return g;
}

// The box a plate's picture may fill: a whole page within the margins for a landscape one (the
// right page of its spread), else the page above the caption.
std::pair<double, double> picture_box(const Geometry& g, bool landscape) {
  const double w = g.trim_w - 2 * g.margin;
  const double h = g.trim_h - 2 * g.margin - (landscape ? 0 : points(kCaptionMm));
  return {w, h};
}

// The printed size of a w × h picture in a box: as large as fits, but never under 300 ppi.
std::pair<double, double> printed_size(int w, int h, std::pair<double, double> box) {
  const double fit = std::min(box.first / w, box.second / h);
  const double most = 72.0 / kPrintPpi;  // points per pixel at 300 ppi
  const double scale = std::min(fit, most);
  return {w * scale, h * scale};
}

// The pixels on the long edge of a width × height picture that fits `box` at 300 ppi.
int long_edge_for(int width, int height, std::pair<double, double> box) {
  const double fit = std::min(box.first / width, box.second / height);
  return static_cast<int>(std::ceil(std::max(width, height) * fit * kPrintPpi / 72.0));
}

class Book {
 public:
  Book(const BookLayout& layout, std::string& pdf)
      : layout_(layout),
        g_(geometry_of(layout)),
        surface_(
            cairo_pdf_surface_create_for_stream(append_to_string, &pdf, g_.page_w(), g_.page_h())),
        cr_(cairo_create(surface_.get())),
        text_(pango_cairo_create_layout(cr_.get())) {
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE, layout.title.c_str());
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_AUTHOR,
                                   layout.photographer.c_str());
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR, "Vernissage");
    pango_layout_set_wrap(text_.get(), PANGO_WRAP_WORD_CHAR);
  }

  const Geometry& geometry() const { return g_; }
  int pages() const { return pages_; }
  // The number the next page will have; odd pages are right-hand pages.
  int next_page() const { return pages_ + 1; }

  // Sets text at (x, y) from the trimmed page's corner, `width` wide; returns its height.
  double text(const std::string& words, const std::string& font, double size, double x, double y,
              double width, PangoAlignment align = PANGO_ALIGN_LEFT) {
    Font description(pango_font_description_from_string(font.c_str()));
    pango_font_description_set_size(description.get(), static_cast<int>(size * PANGO_SCALE));
    pango_layout_set_font_description(text_.get(), description.get());
    pango_layout_set_width(text_.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_alignment(text_.get(), align);
    pango_layout_set_text(text_.get(), words.c_str(), -1);  // text, not markup: never parsed
    cairo_set_source_rgb(cr_.get(), 0.08, 0.08, 0.08);
    cairo_move_to(cr_.get(), g_.origin() + x, g_.origin() + y);
    pango_cairo_show_layout(cr_.get(), text_.get());
    int w = 0, h = 0;
    pango_layout_get_size(text_.get(), &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  // Places a picture, its JPEG embedded as it is, with its top left corner at (x, y).
  void picture(const BookPicture& picture, double x, double y, double w, double h) {
    Surface image(cairo_image_surface_create(CAIRO_FORMAT_RGB24, picture.width, picture.height));
    auto* bytes = static_cast<unsigned char*>(std::malloc(picture.jpeg.size()));
    std::memcpy(bytes, picture.jpeg.data(), picture.jpeg.size());
    cairo_surface_set_mime_data(image.get(), CAIRO_MIME_TYPE_JPEG, bytes, picture.jpeg.size(),
                                std::free, bytes);
    cairo_save(cr_.get());
    cairo_translate(cr_.get(), g_.origin() + x, g_.origin() + y);
    cairo_scale(cr_.get(), w / picture.width, h / picture.height);
    cairo_set_source_surface(cr_.get(), image.get(), 0, 0);
    cairo_paint(cr_.get());
    cairo_restore(cr_.get());
  }

  void folio() {
    if (pages_ == 0) return;  // the cover has none
    text(std::to_string(pages_ + 1), kSans, 7.5, 0, g_.trim_h - g_.margin * 0.6, g_.trim_w,
         PANGO_ALIGN_CENTER);
  }

  void end_page(bool numbered = true) {
    if (numbered) folio();
    if (g_.bleed > 0) crop_marks();
    cairo_show_page(cr_.get());
    ++pages_;
  }

  Result<void> finish() {
    cr_.reset();
    text_.reset();
    cairo_surface_finish(surface_.get());
    const auto status = cairo_surface_status(surface_.get());
    if (status != CAIRO_STATUS_SUCCESS) {
      return fail(ErrorCode::kInternal,
                  std::string("cannot make the book's PDF: ") + cairo_status_to_string(status));
    }
    return {};
  }

 private:
  // Marks at the trim's corners, in the slug beyond the bleed, as print shops expect them.
  void crop_marks() {
    cairo_t* cr = cr_.get();
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.3);
    const double o = g_.origin(), away = g_.bleed + points(1);
    for (const double x : {o, o + g_.trim_w}) {
      for (const double y : {o, o + g_.trim_h}) {
        const double sx = x == o ? -1 : 1, sy = y == o ? -1 : 1;
        cairo_move_to(cr, x + sx * away, y);
        cairo_line_to(cr, x + sx * (away + points(kSlugMm - 2)), y);
        cairo_move_to(cr, x, y + sy * away);
        cairo_line_to(cr, x, y + sy * (away + points(kSlugMm - 2)));
      }
    }
    cairo_stroke(cr);
  }

  const BookLayout& layout_;
  Geometry g_;
  Surface surface_;
  Cairo cr_;
  TextLayout text_;
  int pages_ = 0;
};

std::string title_line(const WorkLine& work) {
  return work.title + (work.year.empty() ? "" : ", " + work.year);
}

std::string facts_line(const WorkLine& work) {
  std::string facts;
  for (const auto& fact :
       {work.medium, work.print_size, work.edition.empty() ? "" : "edition " + work.edition}) {
    if (!fact.empty()) facts += (facts.empty() ? "" : " · ") + fact;
  }
  return facts;
}

// A plate's caption: its number, title and year, its facts, its caption.
double caption(Book& book, const WorkLine& work, std::size_t number, double x, double y,
               double width) {
  double top = y;
  top += book.text(work.plate.empty() ? std::to_string(number) : work.plate, kSans, 7.5, x, top,
                   width) +
         3;
  top += book.text(title_line(work), std::string(kSerif) + " Italic", 13, x, top, width) + 3;
  if (const auto facts = facts_line(work); !facts.empty()) {
    top += book.text(facts, kSans, 7.5, x, top, width) + 3;
  }
  if (!work.caption.empty()) top += book.text(work.caption, kSerif, 9.5, x, top, width);
  return top - y;
}

}  // namespace

int plate_long_edge_pixels(const BookLayout& layout, int width, int height) {
  // Enough for either layout: the picture decides which it gets once it is made.
  const auto g = geometry_of(layout);
  return std::max(long_edge_for(width, height, picture_box(g, true)),
                  long_edge_for(width, height, picture_box(g, false)));
}

Result<BookReport> write_book(
    const std::vector<BookPlate>& plates, const BookLayout& layout,
    const std::function<Result<BookPicture>(std::size_t plate, int long_edge)>& picture_of,
    const std::filesystem::path& output) {
  if (layout.page.width_mm < 80 || layout.page.height_mm < 80) {
    return fail(ErrorCode::kInvalidInput, "a page of the book must be at least 80 × 80 mm");
  }
  std::string pdf;
  Book book(layout, pdf);
  const Geometry& g = book.geometry();
  const double text_width = g.trim_w - 2 * g.margin;
  BookReport report;
  report.lowest_ppi = plates.empty() ? 0 : 1e9;
  const auto place = [&](const BookPicture& picture, std::pair<double, double> box, double x,
                         double y) {
    const auto [w, h] = printed_size(picture.width, picture.height, box);
    book.picture(picture, x + (box.first - w) / 2, y, w, h);
    // (Rounded to a thousandth: a picture printed at exactly 300 ppi must not read 299.9999.)
    const double ppi = std::round(picture.width / (w / 72.0) * 1000) / 1000;
    report.lowest_ppi = std::min(report.lowest_ppi, ppi);
  };

  // The cover: title, photographer, the first plate.
  double top = g.margin * 1.6;
  top += book.text(layout.title, kSerif, 30, g.margin, top, text_width) + 6;
  if (!layout.photographer.empty()) {
    top += book.text(layout.photographer, kSans, 11, g.margin, top, text_width);
  }
  top += points(12);
  const std::pair<double, double> cover_box{text_width, g.trim_h - top - g.margin};
  for (std::size_t i = 0; i < plates.size(); ++i) {
    const auto& plate = plates[i];
    auto picture = picture_of(i, long_edge_for(plate.width, plate.height, cover_box));
    if (!picture) continue;  // reported with its plate below
    place(*picture, cover_box, g.margin, top);
    break;
  }
  book.end_page(false);

  // The statement, on the inside of the cover's leaf.
  if (!layout.statement.empty()) {
    const double width = std::min(text_width, points(120));
    book.text(layout.statement, kSerif, 11.5, (g.trim_w - width) / 2, g.margin * 2, width);
  }
  book.end_page(!layout.statement.empty());

  for (std::size_t i = 0; i < plates.size(); ++i) {
    const auto& plate = plates[i];
    auto picture = picture_of(i, plate_long_edge_pixels(layout, plate.width, plate.height));
    if (!picture) {
      report.skipped.push_back(picture.error());
      continue;
    }
    const bool landscape = picture->width > picture->height;
    // A landscape plate is a spread when it can begin on a left-hand (even) page: its caption
    // there, its picture across the right-hand page. Otherwise, and for every other plate, the
    // picture and its caption share a page: no page of the book is left blank.
    if (landscape && book.next_page() % 2 == 0) {
      caption(book, plate.work, i + 1, g.margin, g.trim_h * 0.62, text_width * 0.8);
      book.end_page();
      const auto box = picture_box(g, true);
      const double height = printed_size(picture->width, picture->height, box).second;
      place(*picture, box, g.margin, g.margin + (box.second - height) / 2);
      book.end_page();
      ++report.spreads;
    } else {
      const auto box = picture_box(g, false);
      const double height = printed_size(picture->width, picture->height, box).second;
      place(*picture, box, g.margin, g.margin);
      caption(book, plate.work, i + 1, g.margin, g.margin + height + points(6), text_width);
      book.end_page();
    }
    ++report.plates;
  }

  // The list of works.
  top = g.margin;
  top += book.text("List of works", kSerif, 20, g.margin, top, text_width) + 10;
  for (std::size_t i = 0; i < plates.size(); ++i) {
    const auto& work = plates[i].work;
    if (top > g.trim_h - g.margin * 2) {
      book.end_page();
      top = g.margin;
    }
    const std::string number = work.plate.empty() ? std::to_string(i + 1) : work.plate;
    book.text(number, kSans, 8, g.margin, top + 2, points(10));
    const double indent = points(12);
    top += book.text(title_line(work), std::string(kSerif) + " Italic", 11, g.margin + indent, top,
                     text_width - indent);
    if (const auto facts = facts_line(work); !facts.empty()) {
      top += book.text(facts, kSans, 7.5, g.margin + indent, top + 1, text_width - indent) + 1;
    }
    top += 7;
  }
  book.end_page();
  report.pages = book.pages();
  if (auto made = book.finish(); !made) return tl::unexpected(made.error());
  std::optional<PrintBoxes> boxes;
  if (g.bleed > 0) boxes = PrintBoxes{g.origin(), g.slug};
  auto finished = finish_for_print(pdf, boxes);
  if (!finished) return tl::unexpected(finished.error());
  if (auto written = write_file_atomically(output, *finished); !written) {
    return tl::unexpected(written.error());
  }
  if (report.plates == 0) report.lowest_ppi = 0;
  return report;
}

}  // namespace vern::show
