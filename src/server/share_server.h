#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "catalogue/catalogue.h"
#include "catalogue/share_table.h"
#include "core/logger.h"
#include "server/http_types.h"
#include "server/password_attempts.h"
#include "server/share_gallery.h"
#include "server/share_images.h"
#include "server/view_log.h"
#include "sharing/share_pass.h"
#include "site/theme.h"

namespace vern::server {

struct ServeSettings {
  ShareLook look;                             // look.images.output is the private folder
  std::optional<std::filesystem::path> site;  // --site: a built site served at "/"
  // --public-url: where the server is reached from outside. https makes the pass cookie
  // Secure; given at all, the server trusts X-Forwarded-For from a proxy on loopback.
  std::string public_url;
};

// What `vernissage serve` answers. Under /s/TOKEN/ a share is a small site: its gallery page
// (index), a page per photo (SLUG.html), the theme's assets and the images of its own photos,
// nothing else. Unknown, expired and revoked tokens, and every other name under a share, get one
// and the same 404. A share with a password shows its password page until the browser holds a
// pass cookie (POST password=… to /s/TOKEN/). With settings.site every other path is served
// from the built site; without, it is the same 404.
class ShareServer final : public RequestHandler {
 public:
  ShareServer(ServeSettings settings, catalogue::Catalogue& photos, catalogue::ShareTable& shares,
              ShareImages& images, ViewLog& views, const sharing::PassSigner& passes,
              const site::Theme& theme, Logger& logger);
  ~ShareServer() override;
  ShareServer(const ShareServer&) = delete;
  ShareServer& operator=(const ShareServer&) = delete;

  Response handle(const Request& request, const std::string& peer) override;

  // The photographer's desk at /desk/ (desk.h); none: /desk/ is the same 404 as anything else.
  void set_desk(class Desk* desk) { desk_ = desk; }
  StringResponse refusal(http::status status) override;

 private:
  struct Visit;  // one request to a share, as it is worked through (share_server.cpp)

  Response share_response(const Request& request, const std::string& client,
                          const std::vector<std::string>& rest, bool trailing_slash,
                          const std::string& token);
  Response password_response(Visit& visit);
  Response gallery_response(Visit& visit, const std::vector<std::string>& rest);
  Response proofing_response(Visit& visit, const std::string& what);
  Response download_response(Visit& visit, const std::string& name);
  std::optional<std::filesystem::path> web_file(const catalogue::PhotoRecord& photo,
                                                const catalogue::Share& share);
  StringResponse json_response(const Request& request, http::status status,
                               const std::string& json);
  std::string pass_cookie(const Visit& visit, const std::string& pass) const;
  Response site_response(const Request& request, const std::vector<std::string>& segments,
                         bool trailing_slash);
  std::shared_ptr<const ShareGallery> gallery_of(const catalogue::Share& share);
  std::string client_address(const Request& request, const std::string& peer) const;
  StringResponse not_found(const Request& request);
  StringResponse page(const Request& request, http::status status, std::string html);

  const ServeSettings settings_;
  catalogue::Catalogue& photos_;
  catalogue::ShareTable& shares_;
  ShareImages& images_;
  ViewLog& views_;
  const sharing::PassSigner& passes_;
  const site::Theme& theme_;
  Logger& logger_;
  const bool secure_cookies_;
  std::string not_found_html_;
  std::map<std::string, std::string> assets_;  // "assets/style.0123456789.css" -> contents
  PasswordAttempts attempts_;
  class Desk* desk_ = nullptr;
  std::shared_ptr<std::atomic<int>> producers_ = std::make_shared<std::atomic<int>>(0);

  struct CachedGallery {
    std::shared_ptr<const ShareGallery> gallery;
    std::chrono::steady_clock::time_point made;
  };
  std::mutex galleries_mutex_;
  std::map<std::int64_t, CachedGallery> galleries_;
};

}  // namespace vern::server
