#pragma once

#include <string>
#include <string_view>

namespace vern::site {

// Percent-encodes a relative URL path for use in href/src: every byte outside RFC 3986's
// unreserved set and '/' becomes %XX, so names with '#', '?', '%', spaces or non-ASCII letters
// link correctly from any page, served or opened from disk.
std::string encode_url_path(std::string_view path);

// "../" repeated once per folder level of `page_path` (a site-relative file path), so that a
// page can link to any other site-relative path.
std::string path_to_root(std::string_view page_path);

}  // namespace vern::site
