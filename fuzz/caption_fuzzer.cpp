// libFuzzer target: the photographer's words, caption files with front matter and about.md, must
// be read or refused, never crash; and whatever the Markdown, its HTML never carries a script
// element or a script address (cmark's safe mode, as the site uses it).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "publish/caption_file.h"
#include "site/markdown.h"

namespace {

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

void check_safe(const std::string& html) {
  const std::string text = lower(html);
  // Text such as "onerror=" may stand in a paragraph as text; an element or an address may not.
  for (const char* bad : {"<script", "<iframe", "<object", "<svg", "href=\"javascript:",
                          "src=\"javascript:", "href=\"vbscript:", "href=\"data:text"}) {
    if (text.find(bad) != std::string::npos) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto caption = vern::publish::parse_caption_file(text, "a.jpg.md");
  // A plate, when one is read, is a place in the show: from 1.
  if (caption && caption->work.plate && *caption->work.plate < 1) std::abort();
  check_safe(vern::site::markdown_to_html(text));
  check_safe(vern::site::markdown_page(text).html);
  check_safe(vern::site::first_paragraph_html(text));
  return 0;
}
