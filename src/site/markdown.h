#pragma once

#include <string>
#include <string_view>

namespace vern::site {

// The photographer's Markdown (about.md) as HTML, by cmark, Debian's CommonMark reference
// library, in its safe mode: raw HTML in the text is left out and links or images to
// javascript:, vbscript:, file: or data: addresses lose their address, so the text can never run
// a script on the site; every other character is escaped as text. Quotes and dashes become
// typographic ones. Headings are moved `heading_shift` levels down (at most to h6), so that a
// "# Title" of the text sits under the page's own h1.
std::string markdown_to_html(std::string_view markdown, int heading_shift = 1);

// A page's text: what the text calls itself, when it begins with a "# Heading", as plain text,
// and the rest as markdown_to_html() makes it, its headings where the text put them when its
// title is the page's h1, else one level down.
struct MarkdownPage {
  std::string title;  // "" when the text begins otherwise
  std::string html;
};
MarkdownPage markdown_page(std::string_view markdown);

// The first paragraph of the text, as HTML, without its <p>…</p>: what stands for the text where
// there is room for a few lines only (the home page). Empty when the text has no paragraph.
std::string first_paragraph_html(std::string_view markdown);

}  // namespace vern::site
