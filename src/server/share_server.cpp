#include "server/share_server.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/file_bytes.h"
#include "proofing/zip_writer.h"
#include "server/desk.h"
#include "server/file_response.h"
#include "server/form_fields.h"
#include "server/request_fields.h"
#include "server/request_path.h"
#include "server/share_marks.h"
#include "sharing/share_plan.h"
#include "sharing/share_secrets.h"
#include "site/page_renderer.h"

namespace vern::server {
namespace {

using SteadyClock = std::chrono::steady_clock;

// A share's pages are made again after this, so a photo whose file changed since is shown as
// it is now.
constexpr auto kGalleryLifetime = std::chrono::seconds(30);
// How long a request for an image not rendered yet waits for it.
constexpr auto kImageWait = std::chrono::seconds(30);
constexpr std::string_view kPassCookie = "vernissage_pass";

// Scripts from the server only (no inline script anywhere); inline styles are the theme's own
// (the inlined stylesheet and each tile's aspect ratio); images may be ThumbHash data URLs.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'";

void add_share_headers(http::response_header<>& header, bool page) {
  header.set("Referrer-Policy", "no-referrer");  // the token is in the address
  header.set("X-Robots-Tag", "noindex, nofollow");
  header.set("X-Content-Type-Options", "nosniff");
  header.set("X-Frame-Options", "DENY");
  header.set("Content-Security-Policy", kContentSecurityPolicy);
  header.set(http::field::cache_control, page ? "private, no-store" : "private, max-age=86400");
}

void add_share_headers(Response& response, bool page) {
  std::visit([&](auto& r) { add_share_headers(r.base(), page); }, response);
}

// A token as new_share_token() makes them: 22 characters of URL-safe base64. Anything else is
// not looked up at all.
bool looks_like_token(const std::string& token) {
  return token.size() == 22 && std::all_of(token.begin(), token.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
         });
}

std::string joined(const std::vector<std::string>& segments) {
  std::string path;
  for (const auto& segment : segments) path += (path.empty() ? "" : "/") + segment;
  return path;
}

StringResponse redirect(const Request& request, http::status status, const std::string& to) {
  StringResponse response(status, request.version());
  response.set(http::field::location, to);
  response.prepare_payload();
  return response;
}

// attachment; filename="…" in ASCII for old clients, and filename*= in UTF-8 for the rest
// (RFC 6266), so "Москва.jpg" arrives under its own name.
std::string attachment(const std::string& name) {
  std::string ascii;
  std::string encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = std::isalnum(byte) || c == '.' || c == '-' || c == '_';
    ascii += (byte >= 0x20 && byte < 0x7f && c != '"' && c != '\\') ? c : '_';
    if (plain) {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

std::string stem_of(const std::string& path) { return std::filesystem::path(path).stem().string(); }

}  // namespace

struct ShareServer::Visit {
  const Request& request;
  std::string client;
  catalogue::Share share;
  std::string base;      // "/s/TOKEN/"
  std::string pass;      // the browser's valid pass cookie, if it has one
  std::string new_pass;  // a pass to give it with this response (links without a password)

  void log(ViewLog& views, std::string what) const {
    views.record({share.id, sharing::iso_utc(sharing::Clock::now()), std::move(what), client});
  }
};

ShareServer::ShareServer(ServeSettings settings, catalogue::Catalogue& photos,
                         catalogue::ShareTable& shares, ShareImages& images, ViewLog& views,
                         const sharing::PassSigner& passes, const site::Theme& theme,
                         Logger& logger)
    : settings_(std::move(settings)),
      photos_(photos),
      shares_(shares),
      images_(images),
      views_(views),
      passes_(passes),
      theme_(theme),
      logger_(logger),
      secure_cookies_(settings_.public_url.starts_with("https://")) {
  // One 404 for everything that is not there, saying nothing of the site or of shares.
  auto quiet = settings_.look.site;
  quiet.private_gallery = true;
  site::PageRenderer renderer(quiet, theme_);
  if (auto page = renderer.not_found_page()) {
    not_found_html_ = std::move(*page);
  } else {
    logger_.warn(page.error().describe() + " (a plain 404 page is used)");
    not_found_html_ = "<!doctype html><title>Not found</title><h1>Not found</h1>";
  }
  assets_ = served_assets(settings_.look.site, theme_);
}

ShareServer::~ShareServer() {
  // A ZIP whose client is gone fails at its next write; one still being read is cut short when
  // the process ends. Either way its thread is out of the way within a few seconds.
  for (int waited = 0; *producers_ > 0 && waited < 100; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

std::string ShareServer::client_address(const Request& request, const std::string& peer) const {
  // Behind a reverse proxy on this machine every peer is the proxy; the proxy names the client.
  if (settings_.public_url.empty() || !is_loopback(peer)) return peer;
  const auto forwarded = request["X-Forwarded-For"];
  if (forwarded.empty()) return peer;
  std::string_view last(forwarded.data(), forwarded.size());
  if (const auto comma = last.rfind(','); comma != std::string_view::npos) {
    last = last.substr(comma + 1);
  }
  while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
  const bool plausible =
      !last.empty() && last.size() <= 45 && std::all_of(last.begin(), last.end(), [](char c) {
        return std::isxdigit(static_cast<unsigned char>(c)) || c == '.' || c == ':';
      });
  return plausible ? std::string(last) : peer;
}

StringResponse ShareServer::page(const Request& request, http::status status, std::string html) {
  StringResponse response(status, request.version());
  response.set(http::field::content_type, "text/html; charset=utf-8");
  add_share_headers(response.base(), true);
  response.body() = std::move(html);
  response.prepare_payload();
  return response;
}

StringResponse ShareServer::not_found(const Request& request) {
  return page(request, http::status::not_found, not_found_html_);
}

StringResponse ShareServer::refusal(http::status status) {
  StringResponse response(status, 11);
  response.set(http::field::content_type, "text/plain; charset=utf-8");
  add_share_headers(response.base(), true);
  response.body() = std::to_string(static_cast<unsigned>(status)) + " " +
                    std::string(http::obsolete_reason(status)) + "\n";
  response.prepare_payload();
  return response;
}

Response ShareServer::handle(const Request& request, const std::string& peer) {
  const auto target = request.target();
  const auto path = parse_request_path({target.data(), target.size()});
  if (!path) return not_found(request);
  const auto& segments = path->segments;
  if (!segments.empty() && segments[0] == "s") {
    if (segments.size() < 2) return not_found(request);
    const std::vector<std::string> rest(segments.begin() + 2, segments.end());
    return share_response(request, client_address(request, peer), rest, path->trailing_slash,
                          segments[1]);
  }
  if (!segments.empty() && segments[0] == "desk" && desk_ != nullptr) {
    const std::vector<std::string> rest(segments.begin() + 1, segments.end());
    if (auto answer = desk_->handle(request, peer, rest)) return std::move(*answer);
    return not_found(request);
  }
  if (!settings_.site) return not_found(request);
  if (request.method() == http::verb::post) {
    auto refused = refusal(http::status::method_not_allowed);
    refused.set(http::field::allow, "GET, HEAD");
    return refused;
  }
  return site_response(request, segments, path->trailing_slash);
}

Response ShareServer::share_response(const Request& request, const std::string& client,
                                     const std::vector<std::string>& rest, bool trailing_slash,
                                     const std::string& token) {
  if (!looks_like_token(token)) return not_found(request);
  auto found = shares_.find_link_by_token_hash(sharing::token_hash(token));
  if (!found) {
    logger_.error(found.error().describe());
    return refusal(http::status::internal_server_error);
  }
  // Unknown, expired and revoked links look alike: a guesser learns nothing.
  if (!*found || sharing::share_state(**found, sharing::Clock::now()) != "active") {
    return not_found(request);
  }
  Visit visit{request, client, std::move(**found), "/s/" + token + "/"};
  if (rest.empty() && !trailing_slash) {
    auto moved = redirect(request, http::status::permanent_redirect, visit.base);
    add_share_headers(moved.base(), true);
    return moved;
  }
  // The theme's files are the same for every share and hold nothing private; the password page
  // needs them too.
  if (!rest.empty() && rest[0] == "assets") {
    const auto asset = assets_.find(joined(rest));
    if (asset == assets_.end() || request.method() == http::verb::post) return not_found(request);
    StringResponse response(http::status::ok, request.version());
    response.set(http::field::content_type, content_type_for(asset->first));
    add_share_headers(response.base(), false);
    response.body() = asset->second;
    response.prepare_payload();
    return response;
  }
  const bool proofing = rest.size() == 1 && (rest[0] == "marks" || rest[0] == "send");
  if (request.method() == http::verb::post && !proofing) {
    if (!rest.empty()) {
      auto refused = refusal(http::status::method_not_allowed);
      refused.set(http::field::allow, "GET, HEAD");
      return refused;
    }
    if (!visit.share.password_hash) {
      auto back = redirect(request, http::status::see_other, visit.base);
      add_share_headers(back.base(), true);
      return back;
    }
    return password_response(visit);
  }
  const auto pass = cookie_value(request, kPassCookie);
  const bool pass_valid = pass && passes_.accepts(visit.share, *pass, sharing::Clock::now());
  if (pass_valid) visit.pass = *pass;
  const bool admitted = !visit.share.password_hash || pass_valid;
  if (!admitted) {
    if (rest.empty() || joined(rest) == "index.html") {
      auto html = password_page(visit.share, settings_.look, theme_, false);
      if (!html) return refusal(http::status::internal_server_error);
      return page(request, http::status::ok, std::move(*html));
    }
    // A photo's page asks for the password first; an image simply is not there.
    if (rest.size() == 1 && rest[0].ends_with(".html")) {
      auto back = redirect(request, http::status::see_other, visit.base);
      add_share_headers(back.base(), true);
      return back;
    }
    return not_found(request);
  }
  if (proofing) return proofing_response(visit, rest[0]);
  if (rest.size() == 2 && rest[0] == "download") return download_response(visit, rest[1]);
  // A link without a password gives each browser a pass with its first page, which its marks
  // are then bound to (the CSRF token is made from it).
  if (visit.pass.empty() && request.method() == http::verb::get) {
    visit.new_pass = passes_.issue(visit.share, sharing::Clock::now());
  }
  return gallery_response(visit, rest);
}

std::string ShareServer::pass_cookie(const Visit& visit, const std::string& pass) const {
  const auto lifetime = std::chrono::seconds(sharing::PassSigner::kPassLifetime).count();
  return std::string(kPassCookie) + "=" + pass + "; Path=" + visit.base +
         "; Max-Age=" + std::to_string(lifetime) + "; HttpOnly; SameSite=Strict" +
         (secure_cookies_ ? "; Secure" : "");
}

Response ShareServer::password_response(Visit& visit) {
  const auto& share = visit.share;
  const auto now = SteadyClock::now();
  const auto wait = attempts_.wait_before_try(share.id, visit.client, now);
  if (wait.count() > 0) {
    logger_.warn("share " + std::to_string(share.id) + ": password tries from " + visit.client +
                 " locked out for " + std::to_string(wait.count()) + " s");
    visit.log(views_, "locked out");
    auto html = password_page(share, settings_.look, theme_, true);
    auto response = page(visit.request, http::status::too_many_requests,
                         html ? std::move(*html) : std::string());
    response.set(http::field::retry_after, std::to_string(wait.count()));
    return response;
  }
  const auto password = form_field(visit.request.body(), "password");
  if (password && sharing::password_matches(*share.password_hash, *password)) {
    visit.log(views_, "password ok");
    auto in = redirect(visit.request, http::status::see_other, visit.base);
    add_share_headers(in.base(), true);
    in.set(http::field::set_cookie,
           pass_cookie(visit, passes_.issue(share, sharing::Clock::now())));
    return in;
  }
  attempts_.record_failure(share.id, visit.client, now);
  visit.log(views_, "password wrong");
  auto html = password_page(share, settings_.look, theme_, true);
  if (!html) return refusal(http::status::internal_server_error);
  return page(visit.request, http::status::forbidden, std::move(*html));
}

std::shared_ptr<const ShareGallery> ShareServer::gallery_of(const catalogue::Share& share) {
  const auto now = SteadyClock::now();
  bool first = true;
  {
    std::lock_guard lock(galleries_mutex_);
    if (const auto it = galleries_.find(share.id); it != galleries_.end()) {
      if (now - it->second.made < kGalleryLifetime) return it->second.gallery;
      first = false;
    }
  }
  auto full = shares_.find(share.id);  // with its photos, which requests leave out
  if (!full || !*full) {
    if (!full) logger_.error(full.error().describe());
    return nullptr;
  }
  std::vector<catalogue::PhotoRecord> records;
  for (const auto id : (*full)->photo_ids) {
    auto record = photos_.find_by_id(id);
    if (!record) {
      logger_.error(record.error().describe());
      return nullptr;
    }
    if (*record) records.push_back(std::move(**record));
  }
  auto made = make_share_gallery(**full, records, settings_.look, theme_);
  if (!made) {
    logger_.error(made.error().describe());
    return nullptr;
  }
  // The rest of the share renders in the background.
  if (first) images_.enqueue(records, images_for(settings_.look, **full));
  auto gallery = std::make_shared<const ShareGallery>(std::move(*made));
  std::lock_guard lock(galleries_mutex_);
  // Galleries nobody asked for lately are dropped, so memory follows the links in use.
  std::erase_if(galleries_, [&](const auto& entry) {
    return now - entry.second.made >= 10 * kGalleryLifetime;
  });
  galleries_[share.id] = {gallery, now};
  return gallery;
}

Response ShareServer::gallery_response(Visit& visit, const std::vector<std::string>& rest) {
  const auto gallery = gallery_of(visit.share);
  if (!gallery) return refusal(http::status::internal_server_error);
  const std::string name = rest.empty() ? "index.html" : joined(rest);
  if (const auto it = gallery->pages.find(name); it != gallery->pages.end()) {
    if (visit.request.method() == http::verb::get) {
      visit.log(views_, name == "index.html" ? "page" : "photo " + name.substr(0, name.size() - 5));
    }
    auto response = page(visit.request, http::status::ok, it->second);
    if (!visit.new_pass.empty())
      response.set(http::field::set_cookie, pass_cookie(visit, visit.new_pass));
    return response;
  }
  const auto image = gallery->media.find(name);
  if (image == gallery->media.end()) return not_found(visit.request);
  const auto& folder = settings_.look.images.output;
  auto file = open_beneath(folder, rest);
  if (!file && images_.ensure(gallery->photos.at(image->second),
                              images_for(settings_.look, visit.share), kImageWait)) {
    file = open_beneath(folder, rest);
  }
  if (!file) return not_found(visit.request);
  auto response = file_response(*file, content_type_for(name), visit.request);
  add_share_headers(response, false);
  return response;
}

StringResponse ShareServer::json_response(const Request& request, http::status status,
                                          const std::string& json) {
  StringResponse response(status, request.version());
  response.set(http::field::content_type, "application/json; charset=utf-8");
  add_share_headers(response.base(), true);
  response.body() = json;
  response.prepare_payload();
  return response;
}

// GET marks: the recipient's marks and the CSRF token for changing them. POST marks: one
// photo's mark. POST send: the selection is sent. Changes need the pass cookie and, in the
// X-CSRF-Token header, the token made from it: another site's form or script has neither.
Response ShareServer::proofing_response(Visit& visit, const std::string& what) {
  const auto& request = visit.request;
  const auto gallery = gallery_of(visit.share);
  if (!gallery) return refusal(http::status::internal_server_error);
  const auto now = sharing::iso_utc(sharing::Clock::now());
  if (request.method() != http::verb::post) {
    if (what != "marks") return not_found(request);
    auto marks = shares_.marks(visit.share.id);
    if (!marks) {
      logger_.error(marks.error().describe());
      return refusal(http::status::internal_server_error);
    }
    std::optional<std::string> csrf;
    if (!visit.pass.empty()) csrf = passes_.csrf_token(visit.share, visit.pass);
    return json_response(
        request, http::status::ok,
        marks_json(*marks, *gallery, visit.share.sent, csrf, visit.share.downloads));
  }
  const auto token = request["X-CSRF-Token"];
  if (visit.pass.empty() || !passes_.csrf_matches(visit.share, visit.pass, token)) {
    return json_response(request, http::status::forbidden,
                         R"({"error":"the page's token is missing or not this link's"})");
  }
  if (what == "send") {
    if (auto sent = shares_.set_sent(visit.share.id, now); !sent) {
      logger_.error(sent.error().describe());
      return refusal(http::status::internal_server_error);
    }
    visit.log(views_, "sent selection");
    return json_response(request, http::status::ok, R"({"sent":")" + now + R"("})");
  }
  auto mark = parse_mark(request.body(), *gallery, visit.share.id, now);
  if (!mark) {
    nlohmann::json error = {{"error", mark.error().message}};
    return json_response(request, http::status::bad_request, error.dump());
  }
  if (auto stored = shares_.set_mark(*mark); !stored) {
    logger_.error(stored.error().describe());
    return refusal(http::status::internal_server_error);
  }
  return json_response(request, http::status::ok, mark_json(*mark, *gallery));
}

// The largest JPEG derivative of a photo, rendered first if need be: a "web" download.
std::optional<std::filesystem::path> ShareServer::web_file(const catalogue::PhotoRecord& photo,
                                                           const catalogue::Share& share) {
  const Derivative* largest = nullptr;
  const auto images = images_for(settings_.look, share);
  const auto planned = publish::planned_derivatives(photo, images);
  for (const auto& d : planned) {
    if (d.encoding.format == OutputFormat::kJpeg &&
        (!largest || long_edge(d) > long_edge(*largest))) {
      largest = &d;
    }
  }
  if (!largest) return std::nullopt;
  const auto file = settings_.look.images.output / largest->relative_path;
  if (!path_exists(file) && !images_.ensure(photo, images, kImageWait)) return std::nullopt;
  return file;
}

// GET download/SLUG: one photo; download/picks.zip, download/all.zip: a ZIP streamed as it is
// written. "web" links give the largest JPEG the site has (with the notice embedded), "original"
// links the original's bytes without location (unless the link keeps it) and serial numbers.
Response ShareServer::download_response(Visit& visit, const std::string& name) {
  const auto& request = visit.request;
  const auto& share = visit.share;
  if (share.downloads != "web" && share.downloads != "original") {
    auto refused = refusal(http::status::forbidden);
    refused.body() = "This link does not offer downloads.\n";
    refused.prepare_payload();
    return refused;
  }
  const auto gallery = gallery_of(share);
  if (!gallery) return refusal(http::status::internal_server_error);
  const bool originals = share.downloads == "original";
  const auto scratch = settings_.look.images.output.parent_path() / "downloads";

  if (name == "picks.zip" || name == "all.zip") {
    std::vector<std::int64_t> ids;
    if (name == "all.zip") {
      for (const auto& [id, photo] : gallery->photos) ids.push_back(id);
    } else {
      auto marks = shares_.marks(share.id);
      if (!marks) return refusal(http::status::internal_server_error);
      for (const auto& mark : *marks) {
        if (mark.state == "pick" && gallery->photos.contains(mark.photo_id))
          ids.push_back(mark.photo_id);
      }
    }
    std::vector<std::string> wanted;
    std::vector<proofing::ZipEntry> entries;
    for (const auto id : ids) {
      const auto& photo = gallery->photos.at(id);
      proofing::ZipEntry entry;
      if (originals) {
        entry.file = photo.path;
        entry.strip_private = true;
        entry.keep_location = share.keep_location;
        wanted.push_back(std::filesystem::path(photo.path).filename().string());
      } else {
        const auto file = web_file(photo, share);
        if (!file) continue;
        entry.file = *file;
        wanted.push_back(stem_of(photo.path) + ".jpg");
      }
      entries.push_back(std::move(entry));
    }
    const auto names = proofing::safe_entry_names(wanted);
    for (std::size_t i = 0; i < entries.size(); ++i) entries[i].name = names[i];
    visit.log(views_, "download " + name);
    StreamResponse stream;
    stream.header.result(http::status::ok);
    stream.header.set(http::field::content_type, "application/zip");
    stream.header.set(http::field::content_disposition,
                      attachment(proofing::safe_entry_names({share_title(share)})[0] + ".zip"));
    add_share_headers(stream.header, true);
    // Counted, so the server does not end (and take the logger with it) under a ZIP still
    // being written.
    ++*producers_;
    stream.produce = [entries = std::move(entries), scratch, &logger = logger_,
                      producers = producers_](int out) {
      std::vector<std::string> skipped;
      auto written = proofing::write_zip(out, entries, scratch, &skipped);
      for (const auto& reason : skipped) logger.warn(reason + " (left out of a download)");
      --*producers;
      return written.has_value();
    };
    return stream;
  }

  const auto slug = gallery->ids_by_slug.find(name);
  if (slug == gallery->ids_by_slug.end()) return not_found(request);
  const auto& photo = gallery->photos.at(slug->second);
  std::optional<OpenedFile> file;
  std::string file_name;
  if (originals) {
    auto copy = proofing::cleaned_copy(photo.path, scratch, share.keep_location);
    if (!copy) {
      auto refused = refusal(http::status::unprocessable_entity);
      refused.body() = "This original cannot be sent without its location and serial numbers (" +
                       copy.error().message + ").\n";
      refused.prepare_payload();
      return refused;
    }
    // Our own copy, under a temporary (dot) name open_beneath would refuse.
    const int fd = ::open(copy->c_str(), O_RDONLY | O_CLOEXEC);
    struct stat info {};
    if (fd >= 0 && ::fstat(fd, &info) == 0) {
      file = OpenedFile{fd, static_cast<std::uintmax_t>(info.st_size)};
    } else if (fd >= 0) {
      ::close(fd);
    }
    std::error_code ec;
    std::filesystem::remove(*copy, ec);  // open, it lives until sent
    file_name = std::filesystem::path(photo.path).filename().string();
  } else {
    const auto web = web_file(photo, share);
    if (web) {
      file =
          open_beneath(settings_.look.images.output,
                       {"media", web->parent_path().filename().string(), web->filename().string()});
    }
    file_name = stem_of(photo.path) + ".jpg";
  }
  if (!file) return not_found(request);
  visit.log(views_, "download " + name);
  auto response = file_response(*file, content_type_for(file_name), request);
  add_share_headers(response, true);
  std::visit([&](auto& r) { r.set(http::field::content_disposition, attachment(file_name)); },
             response);
  return response;
}

Response ShareServer::site_response(const Request& request,
                                    const std::vector<std::string>& segments, bool trailing_slash) {
  auto wanted = segments;
  if (trailing_slash) wanted.push_back("index.html");
  auto file = open_beneath(*settings_.site, wanted);
  if (!file && !trailing_slash && !segments.empty()) {
    // A folder asked for without its slash: where its page is.
    auto inside = segments;
    inside.push_back("index.html");
    if (auto index = open_beneath(*settings_.site, inside)) {
      ::close(index->descriptor);
      return redirect(request, http::status::moved_permanently,
                      std::string(request.target().substr(0, request.target().find('?'))) + "/");
    }
  }
  if (!file) {
    StringResponse missing(http::status::not_found, request.version());
    missing.set(http::field::content_type, "text/html; charset=utf-8");
    missing.set("X-Content-Type-Options", "nosniff");
    const auto own = read_text_file(*settings_.site / "404.html");
    missing.body() = own.value_or(not_found_html_);
    missing.prepare_payload();
    return missing;
  }
  auto response = file_response(*file, content_type_for(wanted.back()), request);
  std::visit(
      [](auto& r) {
        r.set("X-Content-Type-Options", "nosniff");
        r.set(http::field::cache_control, "no-cache");  // a preview: always the latest build
      },
      response);
  return response;
}

}  // namespace vern::server
