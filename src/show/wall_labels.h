#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "show/print_size.h"
#include "show/works_list.h"

namespace vern::show {

// How wall labels (cartels) are printed.
struct LabelLayout {
  PaperSize label{100, 60};
  // Sheets the labels are laid out on, as many as fit, with cut marks in the margins; nullopt:
  // one label per page, the page the label's size (for a label printer or a print shop).
  std::optional<PaperSize> sheet = kA4;
  bool prices = false;         // the price on each label
  std::string photographer;    // on every label, above the title
  std::string document_title;  // the PDF's title
};

// What a print run of labels came to.
struct LabelsReport {
  int labels = 0, pages = 0, per_page = 0;
  // Titles of the works whose text had to be set below kSmallTextScale of its size to fit: worth
  // a larger label or a shorter text.
  std::vector<std::string> set_small;
};
inline constexpr double kSmallTextScale = 0.7;

// Writes the wall labels of `works` as a PDF (Cairo, text laid out by Pango: the title in EB
// Garamond Italic, the facts in Inter, both embedded), atomically at `output`: photographer,
// title and year, medium, size, edition, and the price when asked. Text too long for a label is
// set smaller until it fits (to 35 % at the least). Fails when the label does not fit on the sheet
// or the file cannot be written.
[[nodiscard]] Result<LabelsReport> write_wall_labels(const std::vector<WorkLine>& works,
                                                     const LabelLayout& layout,
                                                     const std::filesystem::path& output);

}  // namespace vern::show
