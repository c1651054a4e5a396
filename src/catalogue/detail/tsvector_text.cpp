#include "catalogue/detail/tsvector_text.h"

#include <filesystem>
#include <map>
#include <vector>

#include "catalogue/detail/photo_columns.h"

namespace vern::catalogue::detail {
namespace {

// PostgreSQL refuses longer lexemes, keeps positions up to this and this many per lexeme.
constexpr std::size_t kMaxLexemeBytes = 2000;
constexpr int kMaxPosition = 16383;
constexpr std::size_t kMaxPositionsPerLexeme = 256;

// A lexeme quoted for tsvector and tsquery input: quotes doubled, backslashes escaped.
std::string quoted(const std::string& lexeme) {
  std::string out = "'";
  for (const char c : lexeme) {
    if (c == '\'') out += '\'';
    if (c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

class Document {
 public:
  explicit Document(const Fts5Words& words) : words_(words) {}

  // Adds the words of one column to a group; a phrase never spans two columns.
  void add(char group, const std::string& text) {
    int& position = next_[group];
    if (position == 0) position = 1;
    for (const auto& word : words_.words(text)) {
      if (word.size() > kMaxLexemeBytes) continue;
      auto& positions = lexemes_[std::string{group, ':'} + word];
      if (positions.size() < kMaxPositionsPerLexeme && position <= kMaxPosition) {
        positions.push_back(position);
      }
      ++position;
    }
    ++position;  // the gap between columns
  }

  std::string literal() const {
    std::string out;
    for (const auto& [lexeme, positions] : lexemes_) {
      if (!out.empty()) out += ' ';
      out += quoted(lexeme);
      for (std::size_t i = 0; i < positions.size(); ++i) {
        out += (i == 0 ? ':' : ',') + std::to_string(positions[i]);
      }
    }
    return out;
  }

 private:
  const Fts5Words& words_;
  std::map<char, int> next_;
  std::map<std::string, std::vector<int>> lexemes_;
};

}  // namespace

std::string tsvector_document(const PhotoRecord& record, const Fts5Words& words) {
  const auto& m = record.metadata;
  const std::filesystem::path path(record.path);
  const std::string keywords = json_list(m.keywords);
  Document document(words);
  // The columns of SQLite's photos_text, folded as its triggers fold them.
  for (const auto& text : {m.title.value_or(""), m.caption.value_or(""), keywords,
                           m.creator.value_or(""), path.filename().string()}) {
    document.add('t', fold(text));
  }
  document.add('k', fold(keywords));
  document.add('a', fold(path.parent_path().string()));
  document.add('c', m.camera_make.value_or("") + " " + m.camera_model.value_or(""));
  document.add('l', m.lens.value_or(""));
  return document.literal();
}

TextMatch tsquery_expression(const SearchQuery& query, const Fts5Words& words) {
  std::vector<std::string> parts;
  bool matches_nothing = false;
  // A phrase of the text's words in one group, the last word a prefix when asked.
  const auto phrase = [&](char group, const std::string& text, bool prefix) {
    if (!has_token(text)) return;
    const auto tokens = words.words(fold(text));
    if (tokens.empty()) {
      matches_nothing = true;  // as FTS5 matches nothing for a phrase of no words
      return;
    }
    std::string out;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (i > 0) out += " <-> ";
      out += quoted(std::string{group, ':'} + tokens[i]);
      if (prefix && i + 1 == tokens.size()) out += ":*";
    }
    parts.push_back("(" + out + ")");
  };
  for (const auto& word : query.words) phrase('t', word, true);
  for (const auto& text : query.phrases) phrase('t', text, false);
  for (const auto& keyword : query.keywords) phrase('k', keyword, false);
  for (const auto& album : query.albums) phrase('a', album, false);
  for (const auto& camera : query.cameras) phrase('c', camera, true);
  for (const auto& lens : query.lenses) phrase('l', lens, true);
  if (matches_nothing) return std::nullopt;
  std::string expression;
  for (const auto& part : parts) expression += (expression.empty() ? "" : " & ") + part;
  return expression;
}

}  // namespace vern::catalogue::detail
