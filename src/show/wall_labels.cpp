#include "show/wall_labels.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "core/atomic_write.h"
#include "show/cairo_handles.h"
#include "show/print_finish.h"

namespace vern::show {
namespace {

// Room around the text inside a label, and the margin a sheet keeps for its cut marks.
constexpr double kLabelPaddingMm = 7;
constexpr double kSheetMarginMm = 5;
constexpr double kCutMarkMm = 4;  // long, ending 1 mm before the labels
// Text is never set smaller than this share of its size (the facts then at 3 pt).
constexpr double kSmallestScale = 0.35;

// One paragraph of a label: its text, its font, and the space after it.
struct Line {
  std::string text;
  const char* font;  // Pango font description, size in points
  double space_after_pt;
};

std::vector<Line> lines_of(const WorkLine& work, const LabelLayout& layout) {
  std::vector<Line> lines;
  if (!layout.photographer.empty()) lines.push_back({layout.photographer, "Inter Semi-Bold 9", 5});
  lines.push_back(
      {work.title + (work.year.empty() ? "" : ", " + work.year), "EB Garamond 12 Italic 15", 7});
  for (const auto* fact : {&work.medium, &work.print_size}) {
    if (!fact->empty()) lines.push_back({*fact, "Inter 8.5", 2});
  }
  if (!work.edition.empty()) lines.push_back({"Edition " + work.edition, "Inter 8.5", 2});
  if (layout.prices && !work.price.empty()) lines.push_back({work.price, "Inter Semi-Bold 8.5", 0});
  return lines;
}

// Lays the lines out from (x, y) within `width` points at `scale` of their sizes; draws them
// when `draw`, and returns the height they take.
double set_lines(cairo_t* cr, const std::vector<Line>& lines, double x, double y, double width,
                 double scale, bool draw) {
  TextLayout text(pango_cairo_create_layout(cr));
  pango_layout_set_width(text.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(text.get(), PANGO_WRAP_WORD_CHAR);
  double top = y;
  for (const auto& line : lines) {
    Font font(pango_font_description_from_string(line.font));
    pango_font_description_set_size(
        font.get(), static_cast<int>(pango_font_description_get_size(font.get()) * scale));
    pango_layout_set_font_description(text.get(), font.get());
    pango_layout_set_text(text.get(), line.text.c_str(), -1);  // text, not markup: never parsed
    if (draw) {
      cairo_move_to(cr, x, top);
      pango_cairo_show_layout(cr, text.get());
    }
    int w = 0, h = 0;
    pango_layout_get_size(text.get(), &w, &h);
    top += static_cast<double>(h) / PANGO_SCALE + line.space_after_pt * scale;
  }
  return top - y;
}

// One label with its top left corner at (x, y), in points; returns the scale its text was set
// at (1: as designed).
double draw_label(cairo_t* cr, const WorkLine& work, const LabelLayout& layout, double x,
                  double y) {
  const auto lines = lines_of(work, layout);
  const double padding = points(kLabelPaddingMm);
  const double width = points(layout.label.width_mm) - 2 * padding;
  const double room = points(layout.label.height_mm) - 2 * padding;
  // A long title is set smaller until the label holds everything.
  double scale = 1;
  while (scale > kSmallestScale && set_lines(cr, lines, 0, 0, width, scale, false) > room) {
    scale *= 0.92;
  }
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  set_lines(cr, lines, x + padding, y + padding, width, scale, true);
  return scale;
}

// Cut marks in the sheet's margins, in line with every edge of the grid of labels.
void draw_cut_marks(cairo_t* cr, double left, double top, int columns, int rows, double w, double h,
                    const PaperSize& sheet) {
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.25);
  const double gap = points(1), mark = points(kCutMarkMm);
  const double right = left + columns * w, bottom = top + rows * h;
  const double page_w = points(sheet.width_mm), page_h = points(sheet.height_mm);
  for (int c = 0; c <= columns; ++c) {
    const double x = left + c * w;
    cairo_move_to(cr, x, std::max(0.0, top - gap - mark));
    cairo_line_to(cr, x, top - gap);
    cairo_move_to(cr, x, bottom + gap);
    cairo_line_to(cr, x, std::min(page_h, bottom + gap + mark));
  }
  for (int r = 0; r <= rows; ++r) {
    const double y = top + r * h;
    cairo_move_to(cr, std::max(0.0, left - gap - mark), y);
    cairo_line_to(cr, left - gap, y);
    cairo_move_to(cr, right + gap, y);
    cairo_line_to(cr, std::min(page_w, right + gap + mark), y);
  }
  cairo_stroke(cr);
}

}  // namespace

Result<LabelsReport> write_wall_labels(const std::vector<WorkLine>& works,
                                       const LabelLayout& layout,
                                       const std::filesystem::path& output) {
  const PaperSize page = layout.sheet.value_or(layout.label);
  int columns = 1, rows = 1;
  if (layout.sheet) {
    columns = static_cast<int>((page.width_mm - 2 * kSheetMarginMm) / layout.label.width_mm);
    rows = static_cast<int>((page.height_mm - 2 * kSheetMarginMm) / layout.label.height_mm);
    if (columns < 1 || rows < 1) {
      return fail(ErrorCode::kInvalidInput,
                  "a label of " + std::to_string(std::lround(layout.label.width_mm)) + " × " +
                      std::to_string(std::lround(layout.label.height_mm)) +
                      " mm does not fit on the sheet with its cut marks");
    }
  }
  std::string pdf;
  Surface surface(cairo_pdf_surface_create_for_stream(append_to_string, &pdf, points(page.width_mm),
                                                      points(page.height_mm)));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                 layout.document_title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Vernissage");
  if (!layout.photographer.empty()) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR,
                                   layout.photographer.c_str());
  }
  Cairo cr(cairo_create(surface.get()));
  const double w = points(layout.label.width_mm), h = points(layout.label.height_mm);
  const double left = (points(page.width_mm) - columns * w) / 2;
  const double top = (points(page.height_mm) - rows * h) / 2;
  const int per_page = columns * rows;
  LabelsReport report;
  report.per_page = per_page;
  for (std::size_t i = 0; i < works.size(); ++i) {
    const int slot = static_cast<int>(i % static_cast<std::size_t>(per_page));
    const double scale = draw_label(cr.get(), works[i], layout, left + (slot % columns) * w,
                                    top + (slot / columns) * h);
    if (scale < kSmallTextScale) report.set_small.push_back(works[i].title);
    const bool page_full = slot + 1 == per_page || i + 1 == works.size();
    if (page_full) {
      if (layout.sheet) draw_cut_marks(cr.get(), left, top, columns, rows, w, h, page);
      cairo_show_page(cr.get());
      ++report.pages;
    }
  }
  report.labels = static_cast<int>(works.size());
  cr.reset();
  cairo_surface_finish(surface.get());
  if (const auto status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS) {
    return fail(ErrorCode::kInternal,
                std::string("cannot make the labels' PDF: ") + cairo_status_to_string(status),
                output.string());
  }
  auto finished = finish_for_print(pdf, std::nullopt);
  if (!finished) return tl::unexpected(finished.error());
  if (auto written = write_file_atomically(output, *finished); !written) {
    return tl::unexpected(written.error());
  }
  return report;
}

}  // namespace vern::show
