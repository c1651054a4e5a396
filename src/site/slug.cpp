#include "site/slug.h"

#include <cctype>

#include "core/ascii_case.h"
#include "core/utf8.h"

namespace vern::site {
namespace {

// Non-ASCII code points that must not appear in a URL segment: spaces, invisible formatting and
// bidirectional controls (which can make a name read backwards), and common punctuation.
bool is_separator(char32_t cp) {
  return cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF ||
         (cp >= 0x00A1 && cp <= 0x00BF) || cp == 0x00D7 || cp == 0x00F7 ||
         (cp >= 0xFFF0 && cp <= 0xFFFF) || (cp >= 0x3001 && cp <= 0x3003);
}

}  // namespace

std::string slugify(std::string_view name, std::string_view fallback) {
  std::string slug;
  bool pending_dash = false;
  for (std::size_t i = 0; i < name.size();) {
    char32_t cp = 0;
    const std::size_t length = decode_utf8(name, i, &cp);
    const bool keep = length > 0 && ((cp < 0x80 && std::isalnum(static_cast<int>(cp))) ||
                                     cp == '_' || (cp >= 0x80 && !is_separator(cp)));
    if (keep) {
      if (pending_dash && !slug.empty()) slug.push_back('-');
      pending_dash = false;
      if (cp < 0x80) {
        slug.push_back(static_cast<char>(std::tolower(static_cast<int>(cp))));
      } else {
        slug.append(name.substr(i, length));
      }
    } else {
      pending_dash = true;
    }
    i += length > 0 ? length : 1;
  }
  // Long names make unwieldy URLs and hit the 255-byte file name limit with the suffixes.
  constexpr std::size_t kMaxBytes = 120;
  if (slug.size() > kMaxBytes) {
    std::size_t cut = kMaxBytes;
    while (cut > 0 && (static_cast<unsigned char>(slug[cut]) & 0xC0) == 0x80) --cut;
    slug.resize(cut);
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
  }
  return slug.empty() ? std::string(fallback) : slug;
}

void SlugRegistry::reserve(std::string_view slug) { taken_.insert(ascii_lower(slug)); }

std::string SlugRegistry::claim(std::string_view wanted) {
  std::string candidate(wanted);
  for (int n = 2; taken_.contains(ascii_lower(candidate)); ++n) {
    candidate = std::string(wanted) + "-" + std::to_string(n);
  }
  taken_.insert(ascii_lower(candidate));
  return candidate;
}

}  // namespace vern::site
