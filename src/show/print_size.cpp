#include "show/print_size.h"

#include <regex>
#include <string>

namespace vern::show {

std::optional<PaperSize> parse_paper_size(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "a4") return kA4;
  if (lower == "a5") return PaperSize{148, 210};
  static const std::regex size(
      R"(^\s*(\d+(?:\.\d+)?)\s*(?:x|×)\s*(\d+(?:\.\d+)?)\s*(mm|cm|in)\s*$)");
  std::smatch m;
  if (!std::regex_match(lower, m, size)) return std::nullopt;
  const double unit = m[3] == "mm" ? 1 : m[3] == "cm" ? 10 : 25.4;
  const PaperSize paper{std::stod(m[1]) * unit, std::stod(m[2]) * unit};
  const auto sensible = [](double mm) { return mm >= 10 && mm <= 2000; };
  if (!sensible(paper.width_mm) || !sensible(paper.height_mm)) return std::nullopt;
  return paper;
}

}  // namespace vern::show
