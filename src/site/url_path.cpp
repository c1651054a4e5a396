#include "site/url_path.h"

#include <algorithm>
#include <cctype>

namespace vern::site {

std::string encode_url_path(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
    }
  }
  return out;
}

std::string path_to_root(std::string_view page_path) {
  std::string prefix;
  for (auto n = std::count(page_path.begin(), page_path.end(), '/'); n > 0; --n) prefix += "../";
  return prefix;
}

}  // namespace vern::site
