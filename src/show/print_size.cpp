#include "show/print_size.h"

#include <charconv>
#include <regex>
#include <string>

namespace vern::show {
namespace {

// The digits a pattern matched, as a number; nullopt when they are too many for a double (a
// "999…9x10mm" of 400 digits threw out of std::stod and ended the program).
std::optional<double> number(const std::string& digits) {
  double value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

}  // namespace

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
  const auto width = number(m[1]), height = number(m[2]);
  if (!width || !height) return std::nullopt;
  const PaperSize paper{*width * unit, *height * unit};
  const auto sensible = [](double mm) { return mm >= 10 && mm <= 2000; };
  if (!sensible(paper.width_mm) || !sensible(paper.height_mm)) return std::nullopt;
  return paper;
}

std::optional<double> parse_bleed(std::string_view text) {
  static const std::regex length(R"(^\s*(\d+(?:\.\d+)?)\s*mm\s*$)");
  const std::string bleed(text);
  std::smatch m;
  if (!std::regex_match(bleed, m, length)) return std::nullopt;
  const auto mm = number(m[1]);
  if (!mm || *mm > 10) return std::nullopt;
  return mm;
}

}  // namespace vern::show
