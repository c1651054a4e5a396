#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace vern::catalogue {

// A closed, half-open or open interval of numbers ("iso:>3200", "focal:24..70", "rating:>=4").
struct NumberRange {
  std::optional<double> low, high;
  bool low_inclusive = true, high_inclusive = true;
};

// Dates are compared as the leading part of the ISO 8601 text the catalogue stores, so
// "2019-05" covers all of May 2019. Either end may be open.
struct DateRange {
  std::string from;  // YYYY, YYYY-MM or YYYY-MM-DD; empty for open
  std::string to;    // inclusive, same forms
};

enum class MissingFilter { kPresentOnly, kMissingOnly, kAny };

enum class SortField { kRelevance, kTaken, kPath, kRating, kIso, kFocal, kCamera, kSize };

// A parsed search, independent of the backend that runs it. Every part must hold for a photo
// to match (free text and filters alike).
struct SearchQuery {
  // Free text over title, caption, keywords, creator and file name: each word matches as a
  // prefix ("perform" finds "performers"), each quoted phrase as a whole, case and diacritics
  // ignored.
  std::vector<std::string> words;
  std::vector<std::string> phrases;

  std::vector<std::string> cameras;   // words of "make model", the last as a prefix
  std::vector<std::string> lenses;    // words of the lens name, the last as a prefix
  std::vector<std::string> keywords;  // words of one of the photo's keywords
  std::vector<std::string> albums;    // words of a folder name on the photo's path
  // format_name() values, or a camera RAW's extension ("nef"). A RAW+JPEG pair matches both
  // "raw" and "jpeg", and its RAW's extension.
  std::vector<std::string> formats;
  // Picked by the recipient of a share link whose name holds this, case and spaces ignored
  // ("lemonde" for "Le Monde"); "any" for any recipient.
  std::vector<std::string> picked_by;
  std::optional<DateRange> taken;
  std::optional<NumberRange> iso, focal, rating;
  MissingFilter missing = MissingFilter::kPresentOnly;

  // Limits the search to photos under these absolute folders (build --select uses its PHOTOS).
  std::vector<std::string> under;

  SortField sort = SortField::kRelevance;  // relevance falls back to date without free text
  bool reverse = false;
  int limit = 0;  // 0: all

  [[nodiscard]] bool has_text_match() const {
    return !words.empty() || !phrases.empty() || !keywords.empty() || !albums.empty() ||
           !cameras.empty() || !lenses.empty();
  }
};

// Parses the query language of `vernissage search` and `build --select`:
//   red square "Red Square" camera:nikon lens:"35mm" taken:2019 taken:2019-05..2021-03
//   iso:>3200 focal:35 keyword:siberia rating:>=4 album:moscow format:jpeg missing:yes
//   picked:lemonde
// Fails with kInvalidInput and a message naming the offending part (an unknown filter, a
// malformed number or date, an unterminated quote).
[[nodiscard]] Result<SearchQuery> parse_search_query(std::string_view text);

// The names accepted by --sort, and the field each names.
[[nodiscard]] std::optional<SortField> sort_field_from_name(std::string_view name);
inline constexpr const char* kSortFieldNames =
    "relevance, taken, path, rating, iso, focal, camera, size";

}  // namespace vern::catalogue
