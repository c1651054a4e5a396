#include "site/markdown.h"

#include <cmark.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace vern::site {
namespace {

// cmark 0.30 is safe unless CMARK_OPT_UNSAFE is given; CMARK_OPT_SAFE says so all the same, for
// the reader and for older versions where it was not the default.
constexpr int kOptions = CMARK_OPT_SAFE | CMARK_OPT_SMART;

struct DocumentFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct IterFree {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};
using Document = std::unique_ptr<cmark_node, DocumentFree>;
using Iter = std::unique_ptr<cmark_iter, IterFree>;

Document parse(std::string_view markdown) {
  return Document(cmark_parse_document(markdown.data(), markdown.size(), kOptions));
}

std::string html_of(cmark_node* node) {
  char* html = cmark_render_html(node, kOptions);
  std::string text = html == nullptr ? std::string() : std::string(html);
  std::free(html);  // cmark's default allocator is malloc's
  return text;
}

// The text of a heading as the reader sees it, without its markup.
std::string plain_text(cmark_node* node) {
  std::string text;
  const Iter iter(cmark_iter_new(node));
  for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
    cmark_node* child = cmark_iter_get_node(iter.get());
    if (event != CMARK_EVENT_ENTER) continue;
    const auto type = cmark_node_get_type(child);
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
      if (const char* literal = cmark_node_get_literal(child)) text += literal;
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      text += ' ';
    }
  }
  return text;
}

std::string shifted_html(cmark_node* document, int heading_shift) {
  const Iter iter(cmark_iter_new(document));
  for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    if (event == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      cmark_node_set_heading_level(node,
                                   std::min(6, cmark_node_get_heading_level(node) + heading_shift));
    }
  }
  return html_of(document);
}

}  // namespace

std::string markdown_to_html(std::string_view markdown, int heading_shift) {
  const Document document = parse(markdown);
  return document ? shifted_html(document.get(), heading_shift) : std::string();
}

MarkdownPage markdown_page(std::string_view markdown) {
  MarkdownPage page;
  const Document document = parse(markdown);
  if (!document) return page;
  cmark_node* first = cmark_node_first_child(document.get());
  if (first != nullptr && cmark_node_get_type(first) == CMARK_NODE_HEADING &&
      cmark_node_get_heading_level(first) == 1) {
    page.title = plain_text(first);
    cmark_node_unlink(first);
    cmark_node_free(first);
  }
  // The text's own title is the page's h1: its "##" are then the page's h2 already.
  page.html = shifted_html(document.get(), page.title.empty() ? 1 : 0);
  return page;
}

std::string first_paragraph_html(std::string_view markdown) {
  const Document document = parse(markdown);
  if (!document) return {};
  for (cmark_node* node = cmark_node_first_child(document.get()); node != nullptr;
       node = cmark_node_next(node)) {
    if (cmark_node_get_type(node) != CMARK_NODE_PARAGRAPH) continue;
    std::string html = html_of(node);
    // "<p>…</p>\n": the caller places the text in its own element.
    constexpr std::string_view open = "<p>", close = "</p>\n";
    if (html.starts_with(open) && html.ends_with(close)) {
      html = html.substr(open.size(), html.size() - open.size() - close.size());
    }
    return html;
  }
  return {};
}

}  // namespace vern::site
