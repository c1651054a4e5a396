#include "server/desk.h"

#include <sodium.h>

#include <map>

#include "proofing/picks.h"
#include "server/file_response.h"
#include "server/form_fields.h"
#include "server/request_fields.h"
#include "sharing/share_plan.h"
#include "sharing/share_secrets.h"
#include "site/detail/picture_data.h"
#include "site/page_renderer.h"

namespace vern::server {
namespace {

constexpr std::string_view kDeskCookie = "vernissage_desk";

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void add_desk_headers(http::response_header<>& header) {
  header.set("Referrer-Policy", "no-referrer");
  header.set("X-Robots-Tag", "noindex, nofollow");
  header.set("X-Content-Type-Options", "nosniff");
  header.set("X-Frame-Options", "DENY");
  header.set("Content-Security-Policy",
             "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
             "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
  header.set(http::field::cache_control, "private, no-store");
}

StringResponse see_other(const Request& request, const std::string& to) {
  StringResponse response(http::status::see_other, request.version());
  response.set(http::field::location, to);
  add_desk_headers(response.base());
  response.prepare_payload();
  return response;
}

}  // namespace

Desk::Desk(std::string token, ShareLook look, catalogue::Catalogue& photos,
           catalogue::ShareTable& shares, ShareImages& images, const sharing::PassSigner& passes,
           const site::Theme& theme, Logger& logger)
    : token_(std::move(token)),
      look_(std::move(look)),
      photos_(photos),
      shares_(shares),
      images_(images),
      passes_(passes),
      theme_(theme),
      logger_(logger),
      assets_(served_assets(look_.site, theme_)) {}

std::string Desk::csrf() const { return passes_.mac("vernissage-desk\n" + token_); }

std::optional<Response> Desk::handle(const Request& request, const std::string& peer,
                                     const std::vector<std::string>& rest) {
  // Only from this machine, and never through a proxy that forwards the world to loopback.
  if (!is_loopback(peer) || request.count("X-Forwarded-For") != 0 ||
      request.count(http::field::forwarded) != 0) {
    return std::nullopt;
  }
  const auto target = request.target();
  const auto query = target.find('?');
  if (rest.empty() && query != std::string_view::npos) {
    const auto given = form_field(target.substr(query + 1), "token");
    if (!given || !same_secret(*given, token_)) return std::nullopt;
    auto in = see_other(request, "/desk/");
    in.set(http::field::set_cookie,
           std::string(kDeskCookie) + "=" + token_ + "; Path=/desk/; HttpOnly; SameSite=Strict");
    return in;
  }
  const auto held = cookie_value(request, kDeskCookie);
  if (!held || !same_secret(*held, token_)) return std::nullopt;
  return admitted_response(request, rest);
}

StringResponse Desk::html(const Request& request, http::status status, const std::string& body) {
  StringResponse response(status, request.version());
  response.set(http::field::content_type, "text/html; charset=utf-8");
  add_desk_headers(response.base());
  response.body() = body;
  response.prepare_payload();
  return response;
}

std::optional<Response> Desk::admitted_response(const Request& request,
                                                const std::vector<std::string>& rest) {
  const bool post = request.method() == http::verb::post;
  if (post) {
    const auto given = form_field(request.body(), "csrf");
    if (!given || !same_secret(*given, csrf())) {
      return html(request, http::status::forbidden, "The form's token is not this desk's.\n");
    }
  }
  if (rest.empty())
    return post ? std::nullopt : std::optional<Response>(links_page(request, "", ""));
  if (rest.size() == 1 && rest[0] == "create" && post) return create_link(request);
  if (!rest.empty() && rest[0] == "assets") {
    const auto asset = assets_.find(rest.size() == 2 ? "assets/" + rest[1] : "");
    if (asset == assets_.end() || post) return std::nullopt;
    StringResponse response(http::status::ok, request.version());
    response.set(http::field::content_type, content_type_for(asset->first));
    add_desk_headers(response.base());
    response.body() = asset->second;
    response.prepare_payload();
    return response;
  }
  if (rest.size() == 3 && rest[0] == "media") {
    // The photographer's own derivatives: anything in the private images folder.
    auto file = open_beneath(look_.images.output, rest);
    if (!file) return std::nullopt;
    auto response = file_response(*file, content_type_for(rest.back()), request);
    std::visit([](auto& r) { add_desk_headers(r.base()); }, response);
    return response;
  }
  if (rest.size() < 2 || rest.size() > 3 || rest[0] != "s") return std::nullopt;
  std::int64_t id = 0;
  try {
    id = std::stoll(rest[1]);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  auto share = shares_.find(id);
  if (!share || !*share) return std::nullopt;
  const std::string what = rest.size() == 3 ? rest[2] : "index.html";
  if (what == "revoke" && post) {
    if (auto revoked = shares_.revoke(id); !revoked) logger_.error(revoked.error().describe());
    return see_other(request, "/desk/");
  }
  if (post) return std::nullopt;
  if (what == "picks.csv") {
    auto rows = proofing::pick_rows(shares_, photos_, id);
    if (!rows) return html(request, http::status::internal_server_error, "cannot read picks\n");
    StringResponse csv(http::status::ok, request.version());
    csv.set(http::field::content_type, "text/csv; charset=utf-8");
    csv.set(http::field::content_disposition,
            "attachment; filename=\"picks-" + std::to_string(id) + ".csv\"");
    add_desk_headers(csv.base());
    csv.body() = proofing::picks_csv(*rows);
    csv.prepare_payload();
    return csv;
  }
  if (what == "index.html") return link_page(request, **share);
  return std::nullopt;
}

Response Desk::links_page(const Request& request, const std::string& created_to,
                          const std::string& created_url) {
  auto links = shares_.all();
  if (!links) return html(request, http::status::internal_server_error, "cannot read links\n");
  const auto now = sharing::Clock::now();
  site::TemplateData list = site::TemplateData::type::list;
  for (const auto& link : *links) {
    auto views = shares_.views(link.id);
    auto marks = shares_.marks(link.id);
    int seen = 0, downloads = 0, picked = 0;
    for (const auto& view : views ? *views : std::vector<catalogue::ShareView>{}) {
      if (view.what.starts_with("download")) {
        ++downloads;
      } else if (view.what == "page" || view.what.starts_with("photo ")) {
        ++seen;
      }
    }
    for (const auto& mark : marks ? *marks : std::vector<catalogue::ShareMark>{}) {
      picked += mark.state == "pick";
    }
    const auto state = sharing::share_state(link, now);
    site::TemplateData row;
    row.set("id", std::to_string(link.id));
    row.set("to", link.recipient);
    row.set("selection", link.selection);
    row.set("photos", std::to_string(link.photo_ids.size()));
    row.set("state", state);
    row.set("active", state == "active");
    row.set("views", std::to_string(seen));
    row.set("downloads", std::to_string(downloads));
    row.set("picked", std::to_string(picked));
    row.set("sent", link.sent.value_or("not yet"));
    row.set("csrf", csrf());
    list.push_back(row);
  }
  site::TemplateData body;
  body.set("links", list);
  body.set("csrf", csrf());
  if (!created_url.empty()) {
    site::TemplateData created;
    created.set("to", created_to);
    created.set("url", created_url);
    body.set("created", created);
  }
  auto settings = look_.site;
  settings.title = "Vernissage desk";
  settings.private_gallery = true;
  site::PageRenderer renderer(settings, theme_);
  auto page = renderer.page("desk.mustache", "index.html", "Your links", std::move(body), {});
  if (!page) return html(request, http::status::internal_server_error, page.error().describe());
  return html(request, http::status::ok, *page);
}

Response Desk::link_page(const Request& request, const catalogue::Share& share) {
  std::vector<catalogue::PhotoRecord> records;
  for (const auto id : share.photo_ids) {
    if (auto record = photos_.find_by_id(id); record && *record) records.push_back(**record);
  }
  images_.enqueue(records, images_for(look_, share));  // if no recipient opened the link yet
  auto gallery = make_share_gallery(share, records, look_, theme_);
  if (!gallery) return html(request, http::status::internal_server_error, "cannot lay out\n");
  std::map<std::int64_t, catalogue::ShareMark> marks;
  if (auto all = shares_.marks(share.id)) {
    for (auto& mark : *all) marks.emplace(mark.photo_id, std::move(mark));
  }
  site::TemplateData photos = site::TemplateData::type::list;
  int picked = 0, rejected = 0;
  for (const auto& photo : gallery->shown) {
    const auto slug = site::detail::slug_of(photo);
    const auto id = gallery->ids_by_slug.find(slug);
    site::TemplateData item;
    // Every key set, so that none falls back to the page's own (the link's "state").
    item.set("name", photo.input.file_name);
    item.set("mark", "");
    item.set("marked", false);
    item.set("rated", false);
    item.set("commented", false);
    item.set("image",
             site::detail::picture(photo, "../../", "220px", site::detail::Loading::kLazy));
    if (id != gallery->ids_by_slug.end()) {
      if (const auto mark = marks.find(id->second); mark != marks.end()) {
        item.set("mark", mark->second.state.value_or(""));
        item.set("marked", mark->second.state.has_value());
        picked += mark->second.state == "pick";
        rejected += mark->second.state == "reject";
        if (mark->second.rating) {
          std::string stars;
          for (int n = 0; n < *mark->second.rating; ++n) stars += "\u2605";
          item.set("stars", stars);
          item.set("rated", true);
        }
        if (mark->second.comment) {
          item.set("comment", *mark->second.comment);
          item.set("commented", true);
        }
      }
    }
    photos.push_back(item);
  }
  site::TemplateData body;
  body.set("id", std::to_string(share.id));
  body.set("title", share_title(share));
  body.set("state", sharing::share_state(share, sharing::Clock::now()));
  auto views = shares_.views(share.id);
  body.set("views", std::to_string(views ? views->size() : 0));
  body.set("picked", std::to_string(picked));
  body.set("rejected", std::to_string(rejected));
  body.set("sent", share.sent ? "sent " + *share.sent : "not sent yet");
  body.set("photos", photos);
  auto settings = look_.site;
  settings.title = "Vernissage desk";
  settings.private_gallery = true;
  site::PageRenderer renderer(settings, theme_);
  auto page = renderer.page("desk_link.mustache", "s/" + std::to_string(share.id) + "/index.html",
                            share_title(share), std::move(body), {});
  if (!page) return html(request, http::status::internal_server_error, page.error().describe());
  return html(request, http::status::ok, *page);
}

Response Desk::create_link(const Request& request) {
  const auto query = form_field(request.body(), "query").value_or("");
  const auto to = form_field(request.body(), "to").value_or("");
  const auto expires = form_field(request.body(), "expires").value_or("");
  const auto downloads = form_field(request.body(), "downloads").value_or("none");
  const auto refuse = [&](const std::string& why) {
    return html(request, http::status::bad_request, why + "\n");
  };
  if (query.empty() || to.empty()) return refuse("A link needs photos and a recipient.");
  if (downloads != "none" && downloads != "web" && downloads != "original") {
    return refuse("Downloads are none, web or original.");
  }
  const auto now = sharing::Clock::now();
  auto chosen = sharing::selected_photos(photos_, query);
  if (!chosen) return refuse(chosen.error().message);
  catalogue::Share share;
  for (const auto& photo : *chosen) share.photo_ids.push_back(photo.id);
  share.selection = "select:" + query;
  share.recipient = to;
  share.created = sharing::iso_utc(now);
  if (!expires.empty()) {
    auto until = sharing::expiry_from(expires, now);
    if (!until) return refuse(until.error().message);
    share.expires = *until;
  }
  share.downloads = downloads;
  const auto token = sharing::new_share_token();
  share.token_hash = sharing::token_hash(token);
  if (auto id = shares_.create(share); !id) return refuse(id.error().describe());
  return links_page(request, to, "/s/" + token + "/");
}

}  // namespace vern::server
