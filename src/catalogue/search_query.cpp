#include "catalogue/search_query.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "core/ascii_case.h"
#include "core/image_format.h"

namespace vern::catalogue {
namespace {

// One whitespace-separated part of a query, with its quotes removed. `quoted` is set when the
// part (or, for a filter, its value) was written in double quotes.
struct Part {
  std::string key;  // filter name before ':', empty for free text
  std::string value;
  bool quoted = false;
};

constexpr std::string_view kFilters[] = {"camera", "lens",  "taken",  "iso",     "focal", "keyword",
                                         "rating", "album", "format", "missing", "picked"};

bool is_filter_name(std::string_view name) {
  return std::find(std::begin(kFilters), std::end(kFilters), name) != std::end(kFilters);
}

Error invalid(std::string message) {
  return Error{ErrorCode::kInvalidInput, std::move(message), {}};
}

// Whitespace and every other control character (NUL included: a query from a form or a file
// may carry one, and no photo's text does) separate parts.
bool is_separator(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7F || byte == ' ';
}

Result<std::vector<Part>> split_parts(std::string_view text) {
  std::vector<Part> parts;
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_separator(text[i])) {
      ++i;
      continue;
    }
    Part part;
    std::string raw;
    bool in_quotes = false;
    for (; i < text.size() && (in_quotes || !is_separator(text[i])); ++i) {
      const char c = text[i];
      // Inside quotes too, a control character is a space: it must never reach the index.
      if (is_separator(c)) {
        raw += ' ';
        continue;
      }
      if (c == '"') {
        in_quotes = !in_quotes;
        part.quoted = true;
        continue;
      }
      // The first unquoted colon after a filter name separates it from the value.
      if (c == ':' && !in_quotes && part.key.empty() && !raw.empty() && !part.quoted) {
        const std::string name = ascii_lower(raw);
        if (is_filter_name(name)) {
          part.key = name;
          raw.clear();
          continue;
        }
        if (std::all_of(raw.begin(), raw.end(),
                        [](char ch) { return std::isalpha(static_cast<unsigned char>(ch)); })) {
          std::string known;
          for (const auto f : kFilters) known += (known.empty() ? "" : ", ") + std::string(f) + ":";
          return tl::unexpected(invalid("unknown filter '" + raw + ":' (filters: " + known + ")"));
        }
      }
      raw += c;
    }
    if (in_quotes) return tl::unexpected(invalid("unterminated quote in the query"));
    part.value = std::move(raw);
    if (!part.key.empty() && part.value.empty()) {
      return tl::unexpected(invalid("filter '" + part.key + ":' needs a value"));
    }
    if (!part.value.empty()) parts.push_back(std::move(part));
  }
  return parts;
}

std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

// "3200", ">3200", ">=4", "<=1.8", "=35", "24..70", "100..", "..400".
Result<NumberRange> parse_number_range(const std::string& key, std::string_view text) {
  const auto bad = [&] {
    return tl::unexpected(invalid("'" + key + ":" + std::string(text) +
                                  "': expected a number, a comparison like >3200 or >=4, or a "
                                  "range like 24..70"));
  };
  NumberRange range;
  if (const auto dots = text.find(".."); dots != std::string_view::npos) {
    const auto low = text.substr(0, dots), high = text.substr(dots + 2);
    if (low.empty() && high.empty()) return bad();
    if (!low.empty() && !(range.low = parse_number(low))) return bad();
    if (!high.empty() && !(range.high = parse_number(high))) return bad();
    return range;
  }
  for (const std::string_view op : {">=", "<=", ">", "<", "="}) {
    if (!text.starts_with(op)) continue;
    const auto value = parse_number(text.substr(op.size()));
    if (!value) return bad();
    if (op[0] == '>') {
      range.low = value;
      range.low_inclusive = op.size() == 2;
    } else if (op[0] == '<') {
      range.high = value;
      range.high_inclusive = op.size() == 2;
    } else {
      range.low = range.high = value;
    }
    return range;
  }
  const auto value = parse_number(text);
  if (!value) return bad();
  range.low = range.high = value;
  return range;
}

// YYYY, YYYY-MM or YYYY-MM-DD with plausible month and day numbers.
bool is_date_prefix(std::string_view text) {
  const auto digits = [&](std::size_t from, std::size_t count) {
    return std::all_of(text.begin() + from, text.begin() + from + count,
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  };
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return false;
  if (!digits(0, 4)) return false;
  if (text.size() >= 7) {
    if (text[4] != '-' || !digits(5, 2)) return false;
    const int month = (text[5] - '0') * 10 + (text[6] - '0');
    if (month < 1 || month > 12) return false;
  }
  if (text.size() == 10) {
    if (text[7] != '-' || !digits(8, 2)) return false;
    const int day = (text[8] - '0') * 10 + (text[9] - '0');
    if (day < 1 || day > 31) return false;
  }
  return true;
}

Result<DateRange> parse_date_range(std::string_view text) {
  const auto bad = [&] {
    return tl::unexpected(invalid("'taken:" + std::string(text) +
                                  "': expected a date like 2019, 2019-05 or 2019-05-09, or a range "
                                  "like 2019-05..2021-03"));
  };
  DateRange range;
  if (const auto dots = text.find(".."); dots != std::string_view::npos) {
    range.from = text.substr(0, dots);
    range.to = text.substr(dots + 2);
    if (range.from.empty() && range.to.empty()) return bad();
  } else {
    range.from = range.to = text;
  }
  if (!range.from.empty() && !is_date_prefix(range.from)) return bad();
  if (!range.to.empty() && !is_date_prefix(range.to)) return bad();
  return range;
}

// Photographers say "jpg" and "heic"; the catalogue says "jpeg" and "heif".
Result<std::string> parse_format(std::string_view text) {
  std::string name = ascii_lower(text);
  if (name == "jpg") name = "jpeg";
  if (name == "heic") name = "heif";
  if (name == "tif") name = "tiff";
  // A camera RAW format by its extension: format:nef, format:cr3.
  if (!format_from_name(name) && !is_raw_extension(name)) {
    return tl::unexpected(invalid("'format:" + std::string(text) +
                                  "': unknown format (jpeg, png, tiff, webp, heif, avif, raw, or a "
                                  "RAW extension such as nef, cr2, cr3, arw, dng)"));
  }
  return name;
}

Result<MissingFilter> parse_missing(std::string_view text) {
  const std::string value = ascii_lower(text);
  if (value == "yes" || value == "true" || value == "1") return MissingFilter::kMissingOnly;
  if (value == "no" || value == "false" || value == "0") return MissingFilter::kPresentOnly;
  if (value == "any" || value == "all") return MissingFilter::kAny;
  return tl::unexpected(invalid("'missing:" + std::string(text) + "': expected yes, no or any"));
}

// Several filters of one kind must all hold; for ranges that is their intersection.
void intersect(std::optional<NumberRange>& into, const NumberRange& range) {
  if (!into) {
    into = range;
    return;
  }
  if (range.low) {
    if (!into->low || *range.low > *into->low) {
      into->low = range.low;
      into->low_inclusive = range.low_inclusive;
    } else if (*range.low == *into->low) {
      into->low_inclusive = into->low_inclusive && range.low_inclusive;
    }
  }
  if (range.high) {
    if (!into->high || *range.high < *into->high) {
      into->high = range.high;
      into->high_inclusive = range.high_inclusive;
    } else if (*range.high == *into->high) {
      into->high_inclusive = into->high_inclusive && range.high_inclusive;
    }
  }
}

}  // namespace

Result<SearchQuery> parse_search_query(std::string_view text) {
  auto parts = split_parts(text);
  if (!parts) return tl::unexpected(parts.error());
  SearchQuery query;
  for (auto& part : *parts) {
    const std::string& key = part.key;
    if (key.empty()) {
      (part.quoted ? query.phrases : query.words).push_back(std::move(part.value));
    } else if (key == "camera") {
      query.cameras.push_back(std::move(part.value));
    } else if (key == "lens") {
      query.lenses.push_back(std::move(part.value));
    } else if (key == "keyword") {
      query.keywords.push_back(std::move(part.value));
    } else if (key == "album") {
      query.albums.push_back(std::move(part.value));
    } else if (key == "picked") {
      query.picked_by.push_back(std::move(part.value));
    } else if (key == "format") {
      auto format = parse_format(part.value);
      if (!format) return tl::unexpected(format.error());
      query.formats.push_back(std::move(*format));
    } else if (key == "missing") {
      auto missing = parse_missing(part.value);
      if (!missing) return tl::unexpected(missing.error());
      query.missing = *missing;
    } else if (key == "taken") {
      auto range = parse_date_range(part.value);
      if (!range) return tl::unexpected(range.error());
      if (query.taken)
        return tl::unexpected(invalid("give taken: once (use a range: taken:2019..2021)"));
      query.taken = std::move(*range);
    } else {
      auto range = parse_number_range(key, part.value);
      if (!range) return tl::unexpected(range.error());
      intersect(key == "iso" ? query.iso : key == "focal" ? query.focal : query.rating, *range);
    }
  }
  return query;
}

std::optional<SortField> sort_field_from_name(std::string_view name) {
  const std::string n = ascii_lower(name);
  if (n == "relevance") return SortField::kRelevance;
  if (n == "taken" || n == "date") return SortField::kTaken;
  if (n == "path") return SortField::kPath;
  if (n == "rating") return SortField::kRating;
  if (n == "iso") return SortField::kIso;
  if (n == "focal") return SortField::kFocal;
  if (n == "camera") return SortField::kCamera;
  if (n == "size") return SortField::kSize;
  return std::nullopt;
}

}  // namespace vern::catalogue
