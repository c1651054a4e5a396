#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "core/result.h"
#include "server/http_types.h"

namespace vern::server {

// What one connection may cost the server.
struct ConnectionLimits {
  std::size_t max_header_bytes = 8 * 1024;
  std::size_t max_body_bytes = 16 * 1024;  // a password form; larger bodies get 413
  // A request must arrive whole within this (slow senders are cut off), and a kept-alive
  // connection may idle this long between requests.
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds write_timeout{60'000};
  std::size_t max_connections = 10'000;  // past it, new connections are closed at once
};

// An HTTP/1.1 server on Boost.Beast: every connection asynchronous, so thousands of slow or idle
// clients cost a little memory each and no thread; `threads` run the handler. Methods other
// than GET, HEAD and POST get 405, malformed requests 400, oversized ones 413 or 431.
class HttpServer {
 public:
  // Listens on "HOST:PORT" ("127.0.0.1:8080", "[::1]:0"; port 0 picks a free one). Fails
  // naming the address when it is malformed or taken.
  [[nodiscard]] static Result<std::unique_ptr<HttpServer>> listen(const std::string& address,
                                                                  RequestHandler& handler,
                                                                  ConnectionLimits limits,
                                                                  int threads);
  ~HttpServer();

  // "127.0.0.1:8080", the port as bound.
  std::string address() const;

  // Serves until stop() is called or SIGINT or SIGTERM arrives. Then no connection is accepted,
  // requests in flight are answered, idle connections close; returns when all are done.
  void run();
  void stop();  // thread-safe

  struct State;  // the io context, acceptor and live connections (http_server.cpp)

 private:
  explicit HttpServer(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace vern::server
