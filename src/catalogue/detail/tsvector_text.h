#pragma once

#include <string>

#include "catalogue/detail/fts5_words.h"
#include "catalogue/detail/search_statement.h"
#include "catalogue/photo_record.h"
#include "catalogue/search_query.h"

// PostgreSQL's side of full-text search. A photo's words (Fts5Words: the very words SQLite's FTS5
// index holds) are stored in one tsvector column with a GIN index, each word prefixed with the
// group of columns it came from, so that one index answers every kind of word filter:
//   "t:" free text (title, caption, keywords, creator, file name), "k:" keywords, "a:" the
//   folder (album:), "c:" make and model (camera:), "l:" the lens (lens:).
// Positions are kept, with a gap between columns, so that a phrase matches consecutive words of
// one column, as in FTS5. Neither PostgreSQL's parser nor its unaccent extension is used: their
// rules differ from FTS5's ("IMG_0012.JPG" is one file token to PostgreSQL, three words to FTS5),
// and the catalogue must find the same photos whichever backend holds it. No extension is needed
// either, which a shop's database administrator may not allow.
namespace vern::catalogue::detail {

// The tsvector literal of `record`'s words.
[[nodiscard]] std::string tsvector_document(const PhotoRecord& record, const Fts5Words& words);

// The tsquery literal of the query's free text, keyword:, album:, camera: and lens: parts, with
// FTS5's meaning: each word a phrase of its tokens with the last one a prefix, each quoted phrase
// exact, every part required.
[[nodiscard]] TextMatch tsquery_expression(const SearchQuery& query, const Fts5Words& words);

}  // namespace vern::catalogue::detail
