#pragma once

#include <optional>
#include <string_view>

namespace vern::show {

// A width and height on paper, in millimetres.
struct PaperSize {
  double width_mm = 0, height_mm = 0;
};

inline constexpr PaperSize kA4{210, 297};

// "100x60mm", "100 × 60 mm", "4x2.5in", "a4", "a5": nullopt for anything else or a side under
// 10 mm or over 2 m.
std::optional<PaperSize> parse_paper_size(std::string_view text);

// A bleed: "3mm", "3.5 mm", from 0 to 10 mm; nullopt for anything else.
std::optional<double> parse_bleed(std::string_view text);

// Millimetres in PDF points (1/72 inch), the unit Cairo's PDF surface counts in.
inline constexpr double points(double mm) { return mm * 72.0 / 25.4; }

}  // namespace vern::show
