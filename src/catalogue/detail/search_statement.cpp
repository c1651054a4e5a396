#include "catalogue/detail/search_statement.h"

#include <algorithm>
#include <cctype>

#include "core/image_format.h"

namespace vern::catalogue::detail {

std::string fold(std::string text) {
  for (const auto& [from, to] :
       {std::pair<std::string_view, std::string_view>{"ё", "е"}, {"Ё", "Е"}}) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  }
  return text;
}

bool has_token(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  });
}

namespace {

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

class Builder {
 public:
  explicit Builder(TextIndex index) : index_(index) {}
  std::string bind(SqlValue value) {
    values_.push_back(std::move(value));
    // (Appending rather than "?" + ... avoids a false -Wrestrict in GCC 12.)
    std::string placeholder(1, postgres() ? '$' : '?');
    placeholder += std::to_string(values_.size());
    return placeholder;
  }
  bool postgres() const { return index_ == TextIndex::kTsvector; }
  std::vector<SqlValue> take_values() { return std::move(values_); }

 private:
  TextIndex index_;
  std::vector<SqlValue> values_;
};

// The number of characters (not bytes) of UTF-8 text: what substr() counts in both backends.
std::int64_t characters(std::string_view text) {
  return static_cast<std::int64_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

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
    std::string recipient = "1 = 1";
    if (folded != "any") {
      recipient = std::string(b.postgres() ? "strpos" : "instr") +
                  "(replace(lower(s.recipient), ' ', ''), " + b.bind(folded) + ") > 0";
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
             b.bind(characters(prefix)) + ") = " + b.bind(prefix);
    }
    where.push_back("(" + any + ")");
  }
}

// ORDER BY of the query's sort; `rank` the full-text index's ranking, best first, when there is
// free text.
std::string order_clause(const SearchQuery& query, const std::string& rank) {
  const bool r = query.reverse;
  switch (query.sort) {
    case SortField::kRelevance:
      // Without free text, the archive's natural order is time.
      return !rank.empty() ? rank + (r ? " DESC" : " ASC") : order_by("p.taken_at", r);
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

SqlStatement search_statement(const SearchQuery& query, std::string_view columns, TextIndex index,
                              const TextMatch& text) {
  Builder b(index);
  std::vector<std::string> where;
  // A filter on words that holds no word ("camera:%") can match no photo.
  for (const auto* values : {&query.keywords, &query.albums, &query.cameras, &query.lenses}) {
    for (const auto& value : *values) {
      if (!has_token(value)) where.push_back("1 = 0");
    }
  }
  std::string from = "photos p";
  std::string rank;
  if (!text) {
    where.push_back("1 = 0");
  } else if (!text->empty() && index == TextIndex::kFts5) {
    from = "photos_text JOIN photos p ON p.id = photos_text.rowid";
    where.push_back("photos_text MATCH " + b.bind(*text));
    rank = "photos_text.rank";  // bm25: best first is lowest
  } else if (!text->empty()) {
    const std::string match = b.bind(*text) + "::tsquery";
    where.push_back("p.words @@ " + match);
    rank = "-ts_rank(p.words, " + match + ")";  // best first is highest
  }
  add_column_filters(query, b, where);
  const std::string order = order_clause(query, rank);
  std::string conditions;
  for (std::size_t i = 0; i < where.size(); ++i) {
    conditions += (i == 0 ? " WHERE " : " AND ") + where[i];
  }
  const std::string tie_break = ", p.taken_at, p.path";
  SqlStatement statement;
  if (index == TextIndex::kTsvector) {
    // PostgreSQL sorts whole rows well enough, and a subquery's order would not survive a join.
    statement.sql = "SELECT " + std::string(columns) + " FROM " + from + conditions + " ORDER BY " +
                    order + tie_break;
    if (query.limit > 0) statement.sql += " LIMIT " + b.bind(std::int64_t{query.limit});
  } else {
    // The matching ids are found and ordered first, and whole rows read only for them: sorting
    // narrow (id, key) rows is several times cheaper than sorting every column. The subquery
    // keeps its order because it has a LIMIT (so it is not flattened) and CROSS JOIN makes it
    // the outer loop.
    const std::string ids = "SELECT p.id AS id FROM " + from + conditions + " ORDER BY " + order +
                            tie_break + " LIMIT " +
                            b.bind(static_cast<std::int64_t>(query.limit > 0 ? query.limit : -1));
    statement.sql = "SELECT " + std::string(columns) + " FROM (" + ids +
                    ") AS hits CROSS JOIN photos p ON p.id = hits.id";
  }
  statement.values = b.take_values();
  return statement;
}

}  // namespace vern::catalogue::detail
