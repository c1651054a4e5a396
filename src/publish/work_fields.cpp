#include "publish/work_fields.h"

#include <array>
#include <regex>

namespace vern::publish {
namespace {

constexpr std::array<std::string_view, 7> kWorkFields = {"title",   "year",  "medium", "print_size",
                                                         "edition", "price", "plate"};

Result<void> wanted(std::string_view name, const std::string& what) {
  return fail(ErrorCode::kInvalidInput, std::string(name) + " must be " + what);
}

// Text with something in it other than spaces.
std::optional<std::string> text_of(const toml::node& value) {
  const auto text = value.value<std::string>();
  if (!text || text->find_first_not_of(" \t") == std::string::npos) return std::nullopt;
  return text;
}

}  // namespace

bool is_work_field(std::string_view name) {
  for (const auto field : kWorkFields) {
    if (field == name) return true;
  }
  return false;
}

Result<void> read_work_field(std::string_view name, const toml::node& value, site::Work& work) {
  if (name == "title" || name == "medium") {
    const auto text = text_of(value);
    if (!text) return wanted(name, "text");
    (name == "title" ? work.title : work.medium) = *text;
  } else if (name == "year") {
    const auto year = value.value_exact<int64_t>();
    if (!year || *year < 1826 || *year > 2200) return wanted(name, "a year, like 2019");
    work.year = static_cast<int>(*year);
  } else if (name == "print_size") {
    // Two dimensions and a unit: "60 × 40 cm", "60x40cm", "16 x 20 in", "29.7 × 21 cm".
    static const std::regex size(
        R"(^\s*\d+([.,]\d+)?\s*(×|x|X)\s*\d+([.,]\d+)?\s*(cm|mm|in|inches|")\s*$)");
    const auto text = text_of(value);
    if (!text || !std::regex_match(*text, size)) {
      return wanted(name, "two dimensions and a unit, like \"60 × 40 cm\" or \"16 x 20 in\"");
    }
    work.print_size = *text;
  } else if (name == "edition") {
    // At most six digits: no edition is larger, and the numbers then always fit a long (the
    // caption fuzzer found "0/1111…9" throwing out of std::stol).
    static const std::regex numbered(R"(^\s*(?:(AP|EA|HC)\s+)?(\d{1,6})\s*/\s*(\d{1,6})\s*$)");
    static const std::regex alone(R"(^\s*(AP|unique|Unique)\s*$)");
    const auto text = text_of(value);
    std::smatch m;
    bool valid = text && std::regex_match(*text, alone);
    if (text && std::regex_match(*text, m, numbered)) {
      const long number = std::stol(m[2]);
      const long of = std::stol(m[3]);
      valid = number >= 1 && number <= of;
    }
    if (!valid) return wanted(name, "a number of an edition, like \"1/5\" or \"AP 1/2\"");
    work.edition = *text;
  } else if (name == "price") {
    if (const auto text = text_of(value)) {
      work.price = *text;
    } else if (const auto number = value.value_exact<int64_t>(); number && *number >= 0) {
      work.price = std::to_string(*number);
    } else {
      return wanted(name, "text, like \"1 200 €\", or a whole number");
    }
  } else if (name == "plate") {
    const auto plate = value.value_exact<int64_t>();
    if (!plate || *plate < 1 || *plate > 100000) return wanted(name, "a whole number from 1");
    work.plate = static_cast<int>(*plate);
  } else {
    return fail(ErrorCode::kInternal, "not a work field: " + std::string(name));
  }
  return {};
}

}  // namespace vern::publish
