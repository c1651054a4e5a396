#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "catalogue/share_table.h"
#include "core/logger.h"
#include "server/http_types.h"
#include "server/share_gallery.h"
#include "server/share_images.h"
#include "sharing/share_pass.h"
#include "site/theme.h"

namespace vern::server {

// The photographer's desk at /desk/: every link with its views, downloads, picks and sent
// state; each link's photos with the recipient's marks; a new link from a search; revoking; the
// picks as CSV. There are no accounts: it answers only to a client on this machine that did not
// come through a proxy, and only with the desk token the server printed at start (the first
// visit, /desk/?token=…, leaves it in a cookie for /desk/ alone). Everything else gets nullopt,
// which the server answers with its one 404.
class Desk {
 public:
  Desk(std::string token, ShareLook look, catalogue::Catalogue& photos,
       catalogue::ShareTable& shares, ShareImages& images, const sharing::PassSigner& passes,
       const site::Theme& theme, Logger& logger);

  const std::string& token() const { return token_; }

  // The answer to a request under /desk/ (`rest` follows "desk"), or nullopt: not for this
  // client.
  std::optional<Response> handle(const Request& request, const std::string& peer,
                                 const std::vector<std::string>& rest);

 private:
  std::optional<Response> admitted_response(const Request& request,
                                            const std::vector<std::string>& rest);
  Response links_page(const Request& request, const std::string& created_to,
                      const std::string& created_url);
  Response link_page(const Request& request, const catalogue::Share& share);
  Response create_link(const Request& request);
  StringResponse html(const Request& request, http::status status, const std::string& body);
  std::string csrf() const;

  const std::string token_;
  const ShareLook look_;
  catalogue::Catalogue& photos_;
  catalogue::ShareTable& shares_;
  ShareImages& images_;
  const sharing::PassSigner& passes_;
  const site::Theme& theme_;
  Logger& logger_;
  std::map<std::string, std::string> assets_;  // the theme's, by fingerprinted name
};

}  // namespace vern::server
