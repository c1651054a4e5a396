#pragma once

#include <boost/beast/http.hpp>
#include <string>
#include <variant>

// The HTTP messages the server's parts pass each other (Boost.Beast's), and the one seam
// between the connection handling (http_server.h) and what is served (share_server.h).
namespace vern::server {

namespace http = boost::beast::http;

using Request = http::request<http::string_body>;
using StringResponse = http::response<http::string_body>;
using FileResponse = http::response<http::file_body>;  // sent from the file, not from memory
using Response = std::variant<StringResponse, FileResponse>;

class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  // The response to one request whose method is GET, HEAD or POST (others never get here). For
  // HEAD the server sends the headers of the GET response only. `client` is the peer's address.
  // Called from several threads at once.
  virtual Response handle(const Request& request, const std::string& client) = 0;

  // The response for a request refused before it reached handle(): 400 (malformed), 405 (a
  // method other than GET, HEAD and POST), 413 (body too large), 431 (header too large), 500
  // (handle() threw). Carries the handler's own headers, so refusals look like its other replies.
  virtual StringResponse refusal(http::status status) = 0;
};

}  // namespace vern::server
