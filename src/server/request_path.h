#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What the server makes of a request target before it looks anything up: the path's segments,
// each percent-decoded exactly once. Anything that could name a file outside the place the
// path is resolved in is refused here, so no later step has to think about it.
namespace vern::server {

struct RequestPath {
  std::vector<std::string> segments;  // "/s/abc/x.html" -> {"s", "abc", "x.html"}
  bool trailing_slash = false;        // "/s/abc/" -> {"s", "abc"}, true
};

// The path of an origin-form target ("/a/b?query"; the query is dropped). Returns nullopt for
// anything else: absolute-form ("http://host/…") and asterisk targets; an empty segment ("//");
// a segment "." or ".." before or after decoding; a bad or truncated %-escape; a decoded '/',
// '\\', NUL or other control character; a decoded segment that is not well-formed UTF-8
// (overlong forms included). "%252e" decodes once, to the harmless name "%2e".
std::optional<RequestPath> parse_request_path(std::string_view target);

}  // namespace vern::server
