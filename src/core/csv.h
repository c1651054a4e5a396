#pragma once

#include <string>

namespace vern {

// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
inline std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

// What starts a UTF-8 CSV file for spreadsheets: the byte-order mark, without which Excel reads
// Cyrillic and accented names as mojibake.
inline constexpr const char* kCsvByteOrderMark = "\xEF\xBB\xBF";

}  // namespace vern
