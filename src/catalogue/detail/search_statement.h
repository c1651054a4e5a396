#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "catalogue/detail/sql_value.h"
#include "catalogue/search_query.h"

namespace vern::catalogue::detail {

// How a backend matches the query's words: SQLite's FTS5 table, or PostgreSQL's tsvector column.
enum class TextIndex { kFts5, kTsvector };

// The free-text part of a query as the backend's index takes it (full_text_expression() for
// FTS5, tsquery_expression() for a tsvector); empty when the query has no words; nullopt when
// its words hold no token at all, so that nothing can match (as FTS5 matches nothing then).
using TextMatch = std::optional<std::string>;

// The SELECT that runs `query`, returning `columns` (qualified with "p."), with placeholders
// "?1", "?2", ... for FTS5 (SQLite) and "$1", "$2", ... for a tsvector (PostgreSQL). Values are
// never spliced into the SQL text; they are bound.
[[nodiscard]] SqlStatement search_statement(const SearchQuery& query, std::string_view columns,
                                            TextIndex index, const TextMatch& text);

// Russian writers use "е" for "ё" freely; the full-text index and the queries fold one into the
// other (FTS5's diacritics removal covers Latin letters only). The same folding the SQLite
// schema's triggers apply.
[[nodiscard]] std::string fold(std::string text);

// False for a part with no letter or digit, which tokenises to nothing: such a part is left out
// of the free text, and as a filter's value matches no photo.
[[nodiscard]] bool has_token(const std::string& text);

// The FTS5 MATCH expression for the query's free text, keyword:, album:, camera: and lens:
// parts; empty when it has none.
[[nodiscard]] std::string full_text_expression(const SearchQuery& query);

}  // namespace vern::catalogue::detail
