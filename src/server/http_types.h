#pragma once

#include <boost/beast/http.hpp>
#include <functional>
#include <string>
#include <variant>

// The HTTP messages the server's parts pass each other (Boost.Beast's), and the one seam
// between the connection handling (http_server.h) and what is served (share_server.h).
namespace vern::server {

namespace http = boost::beast::http;

using Request = http::request<http::string_body>;
using StringResponse = http::response<http::string_body>;
using FileResponse = http::response<http::file_body>;  // sent from the file, not from memory

// A body made while it is sent (a ZIP of a selection): `produce` runs on a thread of its own and
// writes the body to `out`, a pipe the server reads from and sends on in chunks. The pipe blocks
// the producer while the client is slow, so memory stays flat; `produce` returns false when it
// failed part way, and the connection is then cut rather than the body ended as if complete.
struct StreamResponse {
  http::response_header<> header;  // status and fields; the server adds chunked encoding
  std::function<bool(int out)> produce;

  // As Beast's messages have them, so code over any Response can set fields.
  http::response_header<>& base() { return header; }
  template <class Name, class Value>
  void set(const Name& name, const Value& value) {
    header.set(name, value);
  }
};

using Response = std::variant<StringResponse, FileResponse, StreamResponse>;

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
