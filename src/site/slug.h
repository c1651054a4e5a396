#pragma once

#include <set>
#include <string>
#include <string_view>

namespace vern::site {

// A URL- and file-system-safe name for a page or folder: ASCII letters lower-cased, letters of
// other scripts kept (Cyrillic names stay readable), every run of other characters (spaces,
// punctuation, '#', '?', '%', quotes, '<', '>', bidirectional controls, invalid UTF-8) turned
// into one '-'. Never empty: `fallback` is used when nothing is left.
std::string slugify(std::string_view name, std::string_view fallback);

// Hands out slugs unique within one namespace (one folder of the site), deterministically:
// the first "a" stays "a", later ones become "a-2", "a-3", ... in the order they are asked for.
// Comparison ignores ASCII case, since sites are uploaded to case-insensitive file systems.
class SlugRegistry {
 public:
  // Names nobody may take, e.g. "index" or "media".
  void reserve(std::string_view slug);
  std::string claim(std::string_view wanted);

 private:
  std::set<std::string> taken_;  // lower-cased
};

}  // namespace vern::site
