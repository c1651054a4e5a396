#include "site/markdown.h"

#include <gtest/gtest.h>

namespace vern::site {
namespace {

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(Markdown, RendersCommonMark) {
  const std::string html = markdown_to_html(
      "I photograph *Moscow* at night.\n\n- one\n- two\n\nSee [my prints](https://example.org/p).");
  EXPECT_TRUE(contains(html, "<p>I photograph <em>Moscow</em> at night.</p>")) << html;
  EXPECT_TRUE(contains(html, "<li>one</li>")) << html;
  EXPECT_TRUE(contains(html, "<a href=\"https://example.org/p\">my prints</a>")) << html;
}

TEST(Markdown, KeepsNoRawHtmlAndNoScriptAddress) {
  const std::string html = markdown_to_html(
      "<script>alert(1)</script>\n\nText <img src=x onerror=alert(2)> "
      "[a](javascript:alert(3)) [b](vbscript:x) [c](data:text/html;base64,PHNjcmlwdD4=) "
      "![d](file:///etc/passwd) `<b>` & \"quotes\"");
  for (const char* part : {"<script", "<img src=x", "onerror",
                           "javascript:", "vbscript:", "data:text/html", "file:///", "<b>"}) {
    EXPECT_FALSE(contains(html, part)) << part << " in " << html;
  }
  EXPECT_TRUE(contains(html, "<code>&lt;b&gt;</code>")) << html;
  EXPECT_TRUE(contains(html, "&amp;")) << html;
  // Typographic quotes, as a printed text has them.
  EXPECT_TRUE(contains(html, "\u201cquotes\u201d")) << html;
}

TEST(Markdown, MovesHeadingsUnderThePagesOwnTitle) {
  const std::string html = markdown_to_html("# Me\n\n## Shows\n\n###### Small");
  EXPECT_TRUE(contains(html, "<h2>Me</h2>")) << html;
  EXPECT_TRUE(contains(html, "<h3>Shows</h3>")) << html;
  EXPECT_TRUE(contains(html, "<h6>Small</h6>")) << html;
  EXPECT_FALSE(contains(html, "<h1>")) << html;
}

TEST(Markdown, APageBeginningWithATitleGivesItToThePage) {
  const MarkdownPage page = markdown_page("# Анна *Петрова*\n\nText.\n\n## Shows");
  EXPECT_EQ(page.title, "Анна Петрова");
  EXPECT_FALSE(contains(page.html, "Петрова")) << page.html;
  EXPECT_TRUE(contains(page.html, "<h2>Shows</h2>")) << page.html;

  const MarkdownPage untitled = markdown_page("Text.\n\n# Later");
  EXPECT_EQ(untitled.title, "");
  EXPECT_TRUE(contains(untitled.html, "<h2>Later</h2>")) << untitled.html;
}

TEST(Markdown, FirstParagraphSkipsTheTitle) {
  EXPECT_EQ(first_paragraph_html("# Me\n\nStreets of *Moscow*.\n\nMore."),
            "Streets of <em>Moscow</em>.");
  EXPECT_EQ(first_paragraph_html("# Only a title"), "");
  EXPECT_EQ(first_paragraph_html(""), "");
}

}  // namespace
}  // namespace vern::site
