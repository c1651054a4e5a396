#include "catalogue/detail/sqlite_search.h"

#include <algorithm>
#include <cctype>

#include "core/image_format.h"

namespace vern::catalogue::detail {
namespace {

// The same folding the full-text triggers apply (see sqlite_schema.cpp).
std::string fold(std::string text) {
  for (const auto& [from, to] :
       {std::pair<std::string_view, std::string_view>{"ё", "е"}, {"Ё", "Е"}}) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  }
  return text;
}

// FTS5 strings are double-quoted with inner quotes doubled; inside one, every character is text,
// so no user input can become query syntax.
std::string fts_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A part with no letter or digit tokenises to nothing and would only confuse FTS5.
bool has_token(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  });
}

class Builder {
 public:
  std::string bind(SqlValue value) {
    values_.push_back(std::move(value));
    // (Appending rather than "?" + ... avoids a false -Wrestrict in GCC 12.)
    std::string placeholder = "?";
    placeholder += std::to_string(values_.size());
    return placeholder;
  }
  std::vector<SqlValue> take_values() { return std::move(values_); }

 private:
  std::vector<SqlValue> values_;
};

void add_range(std::vector<std::string>& where, Builder& b, const std::string& column,
               const NumberRange& range, double equal_tolerance) {
  const bool equality = range.low && range.high && *range.low == *range.high;
  if (equality && equal_tolerance > 0) {
    where.push_back(column + " BETWEEN " + b.bind(*range.low - equal_tolerance) + " AND " +
                    b.bind(*range.high + equal_tolerance));
    return;
  }
  if (range.low) {
    where.push_back(column + (range.low_inclusive ? " >= " : " > ") + b.bind(*range.low));
  }
  if (range.high) {
    where.push_back(column + (range.high_inclusive ? " <= " : " < ") + b.bind(*range.high));
  }
}

// Sorts with photos lacking the value last, whichever the direction.
std::string order_by(const std::string& expression, bool descending) {
  return expression + " IS NULL, " + expression + (descending ? " DESC" : " ASC");
}

}  // namespace

std::string full_text_expression(const SearchQuery& query) {
  std::vector<std::string> parts;
  std::vector<std::string> text;
  for (const auto& word : query.words) {
    if (has_token(word)) text.push_back(fts_string(fold(word)) + "*");
  }
  for (const auto& phrase : query.phrases) {
    if (has_token(phrase)) text.push_back(fts_string(fold(phrase)));
  }
  if (!text.empty()) {
    std::string joined;
    for (const auto& t : text) joined += (joined.empty() ? "" : " AND ") + t;
    parts.push_back("{title caption keywords creator file_name} : (" + joined + ")");
  }
  for (const auto& keyword : query.keywords) {
    if (has_token(keyword)) parts.push_back("keywords : " + fts_string(fold(keyword)));
  }
  for (const auto& album : query.albums) {
    if (has_token(album)) parts.push_back("album : " + fts_string(fold(album)));
  }
  // Camera and lens names match word by word, the last word as a prefix: "camera:eos 5d" finds
  // "Canon EOS 5D Mark III", "lens:35mm" finds "AF-S Nikkor 35mm f/1.8G" but not "135mm".
  for (const auto& camera : query.cameras) {
    if (has_token(camera)) parts.push_back("camera : " + fts_string(fold(camera)) + "*");
  }
  for (const auto& lens : query.lenses) {
    if (has_token(lens)) parts.push_back("lens : " + fts_string(fold(lens)) + "*");
  }
  std::string expression;
  for (const auto& p : parts) expression += (expression.empty() ? "" : " AND ") + p;
  return expression;
}

namespace {

// The conditions on columns of photos p, in the order their values are bound.
void add_column_filters(const SearchQuery& query, Builder& b, std::vector<std::string>& where) {
  if (!query.formats.empty()) {
    // A pair's other file is a RAW beside a JPEG, or a JPEG beside a RAW.
    std::string any;
    for (const auto& f : query.formats) {
      std::string condition;
      if (f == "raw" || f == "jpeg") {
        const std::string other = f == "raw" ? "jpeg" : "raw";
        condition = "p.format = " + b.bind(f) + " OR (p.format = " + b.bind(other) +
                    " AND p.companions <> '[]')";
      } else if (format_from_name(f)) {
        condition = "p.format = " + b.bind(f);
      } else {
        condition = "(p.format = 'raw' AND lower(p.path) LIKE " + b.bind("%." + f) +
                    ") OR lower(p.companions) LIKE " + b.bind("%." + f + "\"%");
      }
      any += (any.empty() ? "(" : " OR (") + condition + ")";
    }
    where.push_back("(" + any + ")");
  }
  if (query.taken) {
    // Stored dates are ISO 8601 text, so comparing their leading characters compares dates.
    if (!query.taken->from.empty()) where.push_back("p.taken_at >= " + b.bind(query.taken->from));
    if (!query.taken->to.empty()) {
      where.push_back("substr(p.taken_at, 1, " +
                      b.bind(static_cast<std::int64_t>(query.taken->to.size())) +
                      ") <= " + b.bind(query.taken->to));
    }
  }
  if (query.iso) add_range(where, b, "p.iso", *query.iso, 0);
  // Focal lengths are stored as the camera wrote them (35.0, 34.9 for a zoom at "35 mm").
  if (query.focal) add_range(where, b, "p.focal_length_mm", *query.focal, 0.5);
  if (query.rating) add_range(where, b, "p.rating", *query.rating, 0);
  for (const auto& name : query.picked_by) {
    std::string folded;
    for (const char c : name) {
      if (c != ' ') folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    std::string recipient = "1";
    if (folded != "any") {
      recipient = "instr(replace(lower(s.recipient), ' ', ''), " + b.bind(folded) + ") > 0";
    }
    where.push_back(
        "p.id IN (SELECT m.photo_id FROM share_marks m JOIN shares s ON s.id = m.share_id "
        "WHERE m.state = 'pick' AND " +
        recipient + ")");
  }
  if (query.missing == MissingFilter::kPresentOnly) where.push_back("p.missing = 0");
  if (query.missing == MissingFilter::kMissingOnly) where.push_back("p.missing = 1");
  if (!query.under.empty()) {
    std::string any;
    for (const auto& folder : query.under) {
      std::string prefix = folder;
      if (!prefix.ends_with('/')) prefix += '/';
      any += (any.empty() ? "" : " OR ") + std::string("substr(p.path, 1, ") +
             b.bind(static_cast<std::int64_t>(prefix.size())) + ") = " + b.bind(prefix);
    }
    where.push_back("(" + any + ")");
  }
}

// ORDER BY of the query's sort; `has_text` when the full-text index ranks the hits.
std::string order_clause(const SearchQuery& query, bool has_text) {
  const bool r = query.reverse;
  switch (query.sort) {
    case SortField::kRelevance:
      // bm25 ranks best first (lowest); without free text, the archive's natural order is time.
      return has_text ? std::string("photos_text.rank") + (r ? " DESC" : " ASC")
                      : order_by("p.taken_at", r);
    case SortField::kTaken:
      return order_by("p.taken_at", r);
    case SortField::kPath:
      return std::string("p.path") + (r ? " DESC" : " ASC");
    case SortField::kRating:
      return order_by("p.rating", !r);
    case SortField::kIso:
      return order_by("p.iso", r);
    case SortField::kFocal:
      return order_by("p.focal_length_mm", r);
    case SortField::kCamera:
      return order_by("p.camera_make", r) + ", " + order_by("p.camera_model", r);
    case SortField::kSize:
      return order_by("p.width * p.height", !r);
  }
  return order_by("p.taken_at", r);
}

}  // namespace

SqlStatement search_statement(const SearchQuery& query, std::string_view columns) {
  Builder b;
  std::vector<std::string> where;
  // A filter on words that holds no word ("camera:%") can match no photo.
  for (const auto* values : {&query.keywords, &query.albums, &query.cameras, &query.lenses}) {
    for (const auto& value : *values) {
      if (!has_token(value)) where.push_back("0");
    }
  }
  const std::string match = full_text_expression(query);
  std::string from = "photos p";
  if (!match.empty()) {
    from = "photos_text JOIN photos p ON p.id = photos_text.rowid";
    where.push_back("photos_text MATCH " + b.bind(match));
  }
  add_column_filters(query, b, where);
  const std::string order = order_clause(query, !match.empty());

  // The matching ids are found and ordered first, and whole rows read only for them: sorting
  // narrow (id, key) rows is several times cheaper than sorting every column. The subquery
  // keeps its order because it has a LIMIT (so it is not flattened) and CROSS JOIN makes it the
  // outer loop.
  std::string ids = "SELECT p.id AS id FROM " + from;
  for (std::size_t i = 0; i < where.size(); ++i) ids += (i == 0 ? " WHERE " : " AND ") + where[i];
  ids += " ORDER BY " + order + ", p.taken_at, p.path LIMIT " +
         b.bind(static_cast<std::int64_t>(query.limit > 0 ? query.limit : -1));
  SqlStatement statement;
  statement.sql = "SELECT " + std::string(columns) + " FROM (" + ids +
                  ") AS hits CROSS JOIN photos p ON p.id = hits.id";
  statement.values = b.take_values();
  return statement;
}

}  // namespace vern::catalogue::detail
