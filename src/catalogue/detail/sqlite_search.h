#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "catalogue/search_query.h"

namespace vern::catalogue::detail {

using SqlValue = std::variant<std::string, double, std::int64_t>;

// A statement and the values for its ?1, ?2, ... placeholders.
struct SqlStatement {
  std::string sql;
  std::vector<SqlValue> values;
};

// The SELECT that runs `query` against schema 2, returning `columns` (qualified with "p.").
// Values are never spliced into the SQL text; they are bound.
[[nodiscard]] SqlStatement search_statement(const SearchQuery& query, std::string_view columns);

// The FTS5 MATCH expression for the query's free text, keyword: and album: parts; empty when
// it has none. Exposed for tests.
[[nodiscard]] std::string full_text_expression(const SearchQuery& query);

}  // namespace vern::catalogue::detail
