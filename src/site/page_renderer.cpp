#include "site/page_renderer.h"

#include <algorithm>

#include "site/detail/picture_data.h"
#include "site/exif_display.h"
#include "site/markdown.h"
#include "site/url_path.h"

namespace vern::site {

using detail::Loading;
using Template = kainjow::mustache::mustache;

namespace {

TemplateData list() { return TemplateData(TemplateData::type::list); }

// The width of an album card for `sizes`, as style.css lays `cards` cards out: columns of at
// least 300 px with 18 px between them, in a page of 16 px margins at most 1600 px wide, never
// more columns than cards. So the browser fetches a cover as wide as its card, and no wider.
std::string card_sizes(int cards) {
  constexpr int kMinColumn = 300, kGap = 18, kMargins = 32, kMaxPage = 1600;
  std::string sizes;
  int columns = 1;
  for (; columns < cards; ++columns) {
    // The narrowest window that holds one more column.
    const int next = (columns + 1) * kMinColumn + columns * kGap + kMargins;
    if (next > kMaxPage) break;
    sizes += "(max-width: " + std::to_string(next - 1) + "px) calc((100vw - " +
             std::to_string(kMargins + (columns - 1) * kGap) + "px) / " + std::to_string(columns) +
             "), ";
  }
  const int margins = kMargins + (columns - 1) * kGap;
  sizes += "(max-width: " + std::to_string(kMaxPage) + "px) calc((100vw - " +
           std::to_string(margins) + "px) / " + std::to_string(columns) + "), ";
  sizes += std::to_string((kMaxPage - margins) / columns) + "px";
  return sizes;
}

// The width of a photo's tile for `sizes`, as style.css lays the rows out: rows 140 px high on a
// phone and 220 px above 640 px, each tile as wide as its aspect makes it, then stretched to fill
// its row (by 1.24 in the demo's first rows; a row stretched more gets a picture a little soft
// rather than one twice too large). A phone fetched 960 px portraits, 111 kB for a 130 px wide
// tile, for the "50vw" said before.
std::string tile_sizes(const Photo& photo) {
  const double aspect =
      photo.input.height > 0 ? static_cast<double>(photo.input.width) / photo.input.height : 1.0;
  constexpr double kStretch = 1.25;
  const auto px = [&](int row, int widest) {
    return std::to_string(std::min(widest, static_cast<int>(row * aspect * kStretch + 0.5))) + "px";
  };
  return "(max-width: 640px) " + px(140, 640) + ", " + px(220, 1600);
}

}  // namespace

PageRenderer::PageRenderer(const SiteSettings& settings, const Theme& theme)
    : settings_(settings),
      theme_(theme),
      asset_names_(detail::fingerprinted_names(theme.assets())),
      inline_style_(theme.file("assets/style.css").value_or("")) {}

PageRenderer::~PageRenderer() = default;

// Each template is parsed once and rendered for every page that uses it.
Result<std::string> PageRenderer::render_template(const std::string& name,
                                                  const TemplateData& data) {
  auto it = templates_.find(name);
  if (it == templates_.end()) {
    auto text = theme_.file("templates/" + name);
    if (!text) return tl::unexpected(text.error());
    auto tmpl = std::make_unique<Template>(*text);
    if (!tmpl->is_valid()) {
      return fail(ErrorCode::kInvalidInput,
                  "template " + name + " is malformed: " + tmpl->error_message());
    }
    it = templates_.emplace(name, std::move(tmpl)).first;
  }
  return it->second->render(data);
}

Result<std::string> PageRenderer::album_page(const Album& album, const std::vector<Crumb>& trail) {
  const std::string root = path_to_root(album.page_path);
  TemplateData body;
  body.set("title", album.title);
  body.set("description", album.description);
  body.set("is_root", trail.empty());
  const bool introduces =
      trail.empty() && !settings_.private_gallery &&
      (!settings_.author.empty() || !settings_.statement.empty() || !settings_.about.empty());
  if (introduces) body.set("intro", introduction(album, root));
  TemplateData cards = album_cards(album, root, introduces);
  const bool has_albums = !cards.is_empty_list();
  body.set("albums", cards);
  body.set("has_albums", has_albums);
  body.set("photos", photo_tiles(album, root, has_albums));
  body.set("has_photos", !album.photos.empty());
  body.set("has_lightbox", !album.photos.empty());
  const std::string page_title =
      trail.empty() ? settings_.title : album.title + " — " + settings_.title;
  // A link to the home page is previewed with the photo it shows large.
  return in_layout("album.mustache", album.page_path, root, page_title, std::move(body), trail,
                   introduces ? home_cover(album, settings_.cover) : album.cover);
}

// Who made the photographs, in their words, and one of them large.
TemplateData PageRenderer::introduction(const Album& gallery, const std::string& root) const {
  TemplateData intro;
  intro.set("name", settings_.author.empty() ? settings_.title : settings_.author);
  if (!settings_.statement.empty()) {
    // A blank line between paragraphs, as in Markdown and the printed catalogue's statement.
    TemplateData paragraphs = list();
    std::size_t start = 0;
    while (start < settings_.statement.size()) {
      const auto gap = settings_.statement.find("\n\n", start);
      const auto end = gap == std::string::npos ? settings_.statement.size() : gap;
      const auto text = settings_.statement.substr(start, end - start);
      if (text.find_first_not_of(" \t\r\n") != std::string::npos) {
        paragraphs.push_back(TemplateData(text));
      }
      start = gap == std::string::npos ? end : gap + 2;
    }
    intro.set("statement", paragraphs);
  } else if (const std::string summary = first_paragraph_html(settings_.about); !summary.empty()) {
    intro.set("summary_html", summary);  // cmark's safe HTML: no raw HTML, no script links
  }
  if (const Photo* cover = home_cover(gallery, settings_.cover); cover != nullptr) {
    // The largest paint of the page: fetched first, at the width it is shown at. On a desktop
    // its column is about 62 % of the window, and its height at most 80 % of the window's, which
    // bounds the width of anything squarer than 5:4 on a 16:10 screen: a portrait there asked for
    // 62vw fetched a picture twice too wide (1200 px for 540).
    const std::string aspect = detail::aspect_ratio(cover->input.width, cover->input.height);
    const bool height_bound = cover->input.width * 4 < cover->input.height * 5;
    const std::string desktop = height_bound ? "calc(80vh * " + aspect + ")" : "62vw";
    intro.set("cover",
              detail::picture(*cover, root, "(max-width: 800px) calc(100vw - 32px), " + desktop,
                              Loading::kFirst));
    intro.set("cover_url", root + encode_url_path(cover->page_path));
    intro.set("cover_aspect", aspect);
  }
  return intro;
}

// A card per listed sub-album, with its cover.
TemplateData PageRenderer::album_cards(const Album& album, const std::string& root,
                                       bool after_hero) const {
  TemplateData cards = list();
  const auto listed = static_cast<int>(std::count_if(album.children.begin(), album.children.end(),
                                                     [](const Album& a) { return !a.hidden; }));
  const std::string sizes = card_sizes(listed);
  int count = 0;
  for (const Album& child : album.children) {
    if (child.hidden) continue;
    TemplateData card;
    card.set("title", child.title);
    card.set("url", root + encode_url_path(child.page_path));
    card.set("count", std::to_string(child.photo_count_with_children));
    card.set("count_label", child.photo_count_with_children == 1 ? "photo" : "photos");
    if (child.cover != nullptr) {
      // The first two rows of cards are in view at once; the rest load as the visitor scrolls.
      // Below the home page's cover they are out of a phone's view and at the foot of a
      // desktop's window: they wait for the cover (Lighthouse's phone LCP was 3.2 s without).
      const Loading loading = count >= 6 || after_hero ? Loading::kLazy
                              : count == 0             ? Loading::kFirst
                                                       : Loading::kEager;
      card.set("cover", detail::picture(*child.cover, root, sizes, loading));
    }
    cards.push_back(card);
    ++count;
  }
  return cards;
}

// A tile per photo of the album, in order, each opening the lightbox.
TemplateData PageRenderer::photo_tiles(const Album& album, const std::string& root,
                                       bool after_cards) const {
  TemplateData tiles = list();
  for (std::size_t i = 0; i < album.photos.size(); ++i) {
    const Photo& photo = album.photos[i];
    TemplateData tile;
    tile.set("url", root + encode_url_path(photo.page_path));
    tile.set("slug", detail::slug_of(photo));
    tile.set("title", photo.title);
    tile.set("caption", photo.input.metadata.caption.value_or(photo.title));
    detail::set_lightbox_source(tile, photo, root);
    tile.set("aspect", detail::aspect_ratio(photo.input.width, photo.input.height));
    // The first row is visible at once; everything below loads as the visitor scrolls.
    const bool first_on_page = i == 0 && !after_cards;
    const Loading loading = i >= 4          ? Loading::kLazy
                            : first_on_page ? Loading::kFirst
                                            : Loading::kEager;
    tile.set("image", detail::picture(photo, root, tile_sizes(photo), loading));
    tiles.push_back(tile);
  }
  return tiles;
}

Result<std::string> PageRenderer::photo_page(const Album& album, std::size_t index,
                                             const std::vector<Crumb>& trail) {
  const Photo& photo = album.photos[index];
  const std::string root = path_to_root(photo.page_path);
  const auto& m = photo.input.metadata;
  TemplateData body;
  body.set("title", photo.title);
  body.set("image", detail::picture(photo, root, "100vw", Loading::kFirst));
  if (m.caption && m.caption != photo.title) body.set("caption", *m.caption);
  TemplateData facts = list();
  for (const auto& [label, value] : photo_facts(m, settings_.keep_location)) {
    TemplateData fact;
    fact.set("label", label);
    fact.set("value", value);
    facts.push_back(fact);
  }
  body.set("facts", facts);
  TemplateData work = list();
  for (const auto& [label, value] : work_facts(photo.input.work, m, settings_.show_prices)) {
    TemplateData fact;
    fact.set("label", label);
    fact.set("value", value);
    work.push_back(fact);
  }
  body.set("has_work", !work.is_empty_list());
  body.set("work", work);
  TemplateData keywords = list();
  for (const auto& keyword : m.keywords) keywords.push_back(TemplateData(keyword));
  body.set("keywords", keywords);
  body.set("has_keywords", !m.keywords.empty());
  body.set("album_url", root + encode_url_path(album.page_path));
  body.set("album_title", album.title);
  if (index > 0) body.set("prev_url", root + encode_url_path(album.photos[index - 1].page_path));
  if (index + 1 < album.photos.size()) {
    body.set("next_url", root + encode_url_path(album.photos[index + 1].page_path));
  }
  if (photo.input.original_path) {
    body.set("original_url", root + encode_url_path(*photo.input.original_path));
  }
  body.set("position", std::to_string(index + 1));
  body.set("total", std::to_string(album.photos.size()));
  return in_layout("photo.mustache", photo.page_path, root,
                   photo.title + " — " + album.title + " — " + settings_.title, std::move(body),
                   trail, &photo);
}

Result<std::string> PageRenderer::about_page(const Album& gallery) {
  const std::string root = path_to_root("about.html");
  const MarkdownPage text = markdown_page(settings_.about);
  // The text's own "# Heading", else the photographer's name.
  const std::string name = !text.title.empty()        ? text.title
                           : settings_.author.empty() ? settings_.title
                                                      : settings_.author;
  TemplateData body;
  body.set("name", name);
  body.set("about_html", text.html);  // cmark's safe HTML: see markdown.h
  // An empty text is still "true" to a mustache section.
  if (!settings_.contact.empty()) body.set("contact", settings_.contact);
  if (!settings_.email.empty()) {
    body.set("email", settings_.email);
    body.set("email_url", "mailto:" + settings_.email);
  }
  TemplateData links = list();
  for (const auto& link : settings_.links) {
    TemplateData item;
    item.set("title", link.title);
    item.set("url", link.url);
    links.push_back(item);
  }
  body.set("has_links", !settings_.links.empty());
  body.set("links", links);
  return in_layout("about.mustache", "about.html", root, "About " + name + " — " + settings_.title,
                   std::move(body), {}, home_cover(gallery, settings_.cover));
}

Result<std::string> PageRenderer::not_found_page() {
  TemplateData body;
  body.set("message", "This page does not exist.");
  // Served at whatever path was asked for, so it cannot use relative links.
  const std::string root = settings_.base_url.empty() ? "/" : settings_.base_url;
  return in_layout("404.mustache", "404.html", root, "Not found", std::move(body), {}, nullptr);
}

Result<std::string> PageRenderer::page(const std::string& template_name,
                                       const std::string& page_path, const std::string& page_title,
                                       TemplateData body, const std::vector<Crumb>& trail,
                                       const Photo* preview) {
  return in_layout(template_name, page_path, path_to_root(page_path), page_title, std::move(body),
                   trail, preview);
}

// What every template may use: the way to the site's root, its texts, assets and partials.
void PageRenderer::set_common(TemplateData& data, const std::string& root) const {
  data.set("root", root);
  data.set("site_title", settings_.title);
  data.set("author", settings_.author);
  data.set("copyright", settings_.copyright);
  data.set("lang", settings_.language);
  data.set("home_url", root + "index.html");
  if (settings_.has_about_page()) data.set("about_url", root + "about.html");
  data.set("private_gallery", settings_.private_gallery);
  for (const auto& [path, name] : asset_names_) data.set(detail::asset_key(path), root + name);
  // templates/partials/NAME.mustache is available to every template as {{> NAME}}.
  for (const auto& [name, text] : theme_.partials()) {
    data.set(name, kainjow::mustache::partial([text = text] { return text; }));
  }
}

Result<std::string> PageRenderer::in_layout(const std::string& template_name,
                                            const std::string& page_path, const std::string& root,
                                            const std::string& page_title, TemplateData body,
                                            const std::vector<Crumb>& trail, const Photo* preview) {
  set_common(body, root);
  auto content = render_template(template_name, body);
  if (!content) return tl::unexpected(content.error());
  TemplateData layout;
  set_common(layout, root);
  layout.set("page_title", page_title);
  layout.set("description",
             settings_.description.empty() ? settings_.title : settings_.description);
  layout.set("content", *content);
  TemplateData crumbs = list();
  for (const auto& crumb : trail) {
    TemplateData c;
    c.set("title", crumb.title);
    c.set("url", root + encode_url_path(crumb.page_path));
    crumbs.push_back(c);
  }
  layout.set("breadcrumbs", crumbs);
  // A private gallery (a share) has no feed and asks not to be indexed.
  if (settings_.private_gallery) {
    layout.set("private_gallery", true);
  } else {
    layout.set("feed_url", root + "feed.xml");
  }
  // The stylesheet is small and needed before anything shows: inlined, it costs no round trip
  // before the first paint (Lighthouse's largest-paint time on a phone dropped by it).
  layout.set("inline_style", inline_style_);
  layout.set("has_breadcrumbs", !trail.empty());
  if (!settings_.base_url.empty()) {
    layout.set("canonical_url", settings_.base_url + encode_url_path(page_path));
    if (preview != nullptr && !preview->input.derivatives.empty()) {
      layout.set("og_image", settings_.base_url +
                                 encode_url_path(detail::preview_image(*preview).relative_path));
    }
  }
  return render_template("layout.mustache", layout);
}

}  // namespace vern::site
