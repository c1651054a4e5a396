#pragma once

#include <string>
#include <string_view>

namespace vern {

// `text` with A-Z made a-z and every other byte as it was: for names the program compares
// without regard to case (extensions, settings keys, search filters), never for text shown.
inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace vern
