#include "server/request_path.h"

#include <gtest/gtest.h>

namespace vern::server {
namespace {

using Segments = std::vector<std::string>;

TEST(RequestPath, SplitsAndDecodesEachSegmentOnce) {
  const auto path = parse_request_path("/s/abc/Nikon%20D40.html?x=1");
  ASSERT_TRUE(path);
  EXPECT_EQ(path->segments, (Segments{"s", "abc", "Nikon D40.html"}));
  EXPECT_FALSE(path->trailing_slash);
  const auto folder = parse_request_path("/s/abc/");
  ASSERT_TRUE(folder);
  EXPECT_EQ(folder->segments, (Segments{"s", "abc"}));
  EXPECT_TRUE(folder->trailing_slash);
  const auto root = parse_request_path("/");
  ASSERT_TRUE(root);
  EXPECT_TRUE(root->segments.empty());
  EXPECT_TRUE(root->trailing_slash);
  // Double encoding decodes once: "%252e" is the harmless name "%2e", not "."
  const auto twice = parse_request_path("/s/%252e%252e/x");
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->segments[1], "%2e%2e");
  // A name in UTF-8 is fine.
  const auto utf8 = parse_request_path("/s/caf%C3%A9.html");
  ASSERT_TRUE(utf8);
  EXPECT_EQ(utf8->segments[1], "caf\xC3\xA9.html");
}

TEST(RequestPath, RefusesEverythingThatCouldStepOutOrIsMalformed) {
  for (const char* target : {
           "/s/../etc/passwd",           // dot-dot
           "/s/./x",                     // dot
           "/s/%2e%2e/etc/passwd",       // encoded dot-dot
           "/s/%2E%2E/x",                // upper-case escapes
           "/s/.%2e/x",                  // mixed
           "/s/a%2fb",                   // encoded slash
           "/s/a%2Fb",                   // encoded slash, upper case
           "/s/..%2f..%2fetc%2fpasswd",  // dot-dot through encoded slashes
           "/s/a\\..\\b",                // backslashes
           "/s/a%5c..%5cb",              // encoded backslashes
           "/s/a%00.jpg",                // NUL
           "/s/a%0d%0aSet-Cookie:x",     // CR LF
           "/s/%c0%ae%c0%ae/x",          // overlong UTF-8 dots
           "/s/%c0%af",                  // overlong UTF-8 slash
           "/s/%e0%80%af",               // overlong, three bytes
           "/s/%ff",                     // not UTF-8
           "/s/%2",                      // truncated escape
           "/s/%zz",                     // not hex
           "/s//x",                      // empty segment
           "//etc/passwd",               // empty first segment
           "http://example.org/s/x/",    // absolute form
           "*",                          // asterisk form
           "",                           // nothing
           "s/x",                        // no leading slash
       }) {
    EXPECT_FALSE(parse_request_path(target)) << target;
  }
}

}  // namespace
}  // namespace vern::server
