#include "server/http_server.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <csignal>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

namespace vern::server {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

namespace {
class Session;
// Once stopping, a connection gets this long to finish the request it is receiving.
constexpr std::chrono::seconds kStopGrace{2};
}  // namespace

struct HttpServer::State {
  State(RequestHandler& h, ConnectionLimits l, int t) : handler(h), limits(l), threads(t) {}

  net::io_context io;
  // The acceptor, the signals and stopping are handled on one strand: never two at once.
  net::strand<net::io_context::executor_type> strand{net::make_strand(io)};
  tcp::acceptor acceptor{strand};
  net::signal_set signals{strand, SIGINT, SIGTERM};
  net::steady_timer accept_pause{strand};
  RequestHandler& handler;
  const ConnectionLimits limits;
  const int threads;

  std::mutex mutex;  // guards the two below
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  bool stopping = false;

  void accept();
  void begin_stop();
};

namespace {

bool is_parse_error(const beast::error_code& ec) {
  return ec.category() == make_error_code(http::error::bad_method).category();
}

// The headers of `response` alone, for a HEAD request: Content-Length stays that of the body
// a GET would get.
// (A body made while it is sent has no length to give: its HEAD has none.)
Response head_of(Response response) {
  return std::visit(
      [](auto& r) -> Response { return StringResponse(http::response_header<>(r.base())); },
      response);
}

// One connection: read a request, answer it, again while the client keeps it alive. Every
// operation has a deadline (the stream's timer), so a silent or trickling client is cut off.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, HttpServer::State& server)
      : stream_(std::move(socket)),
        server_(server),
        buffer_(buffer_limit(server.limits)),
        wait_timer_(stream_.get_executor()) {
    beast::error_code ec;
    const auto peer = stream_.socket().remote_endpoint(ec);
    if (ec) {
      client_ = "unknown";
    } else if (peer.address().is_v6() && peer.address().to_v6().is_v4_mapped()) {
      client_ = net::ip::make_address_v4(net::ip::v4_mapped, peer.address().to_v6()).to_string();
    } else {
      client_ = peer.address().to_string();
    }
  }

  ~Session() {
    std::lock_guard lock(server_.mutex);
    server_.sessions.erase(this);
  }

  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
  }

  // The server is stopping: no more requests after the one in flight.
  void wind_down() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      self->stopping_ = true;
      if (self->reading_) self->stream_.expires_after(kStopGrace);
    });
  }

 private:
  static std::size_t buffer_limit(const ConnectionLimits& limits) {
    return limits.max_header_bytes + limits.max_body_bytes + 1024;
  }

  void read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.limits.max_header_bytes));
    parser_->body_limit(server_.limits.max_body_bytes);
    reading_ = true;
    stream_.expires_after(stopping_ ? std::chrono::milliseconds(kStopGrace)
                                    : server_.limits.read_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t /*bytes*/) {
    reading_ = false;
    if (ec == http::error::body_limit) return refuse(http::status::payload_too_large);
    if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
      return refuse(http::status::request_header_fields_too_large);
    }
    if (ec && is_parse_error(ec) && ec != http::error::end_of_stream &&
        ec != http::error::partial_message) {
      return refuse(http::status::bad_request);
    }
    if (ec) return close();  // closed, timed out, reset: nobody to answer
    Request request = parser_->release();
    const auto method = request.method();
    if (method != http::verb::get && method != http::verb::head && method != http::verb::post) {
      auto refusal = server_.handler.refusal(http::status::method_not_allowed);
      refusal.set(http::field::allow, "GET, HEAD, POST");
      return send(std::move(refusal), request.version(), request.keep_alive());
    }
    Response response = answer(request);
    if (method == http::verb::head) response = head_of(std::move(response));
    send(std::move(response), request.version(), request.keep_alive());
  }

  Response answer(const Request& request) {
    try {
      return server_.handler.handle(request, client_);
    } catch (const std::exception&) {
      return server_.handler.refusal(http::status::internal_server_error);
    }
  }

  // Answers a request that could not be read, then closes: the rest of it is not worth reading.
  void refuse(http::status status) { send(server_.handler.refusal(status), 11, false); }

  void send(Response response, unsigned version, bool keep_alive) {
    keep_alive = keep_alive && !stopping_;
    if (std::holds_alternative<FileResponse>(response)) {
      return send_file(std::move(response), version, keep_alive);
    }
    if (std::holds_alternative<StreamResponse>(response)) {
      return send_stream(std::get<StreamResponse>(std::move(response)), version, keep_alive);
    }
    response_ = std::move(response);
    stream_.expires_after(server_.limits.write_timeout);
    auto& r = std::get<StringResponse>(*response_);
    r.version(version);
    r.keep_alive(keep_alive);
    http::async_write(
        stream_, r, beast::bind_front_handler(&Session::on_write, shared_from_this(), keep_alive));
  }

  // A file goes out as its headers, then its bytes straight from the page cache with sendfile(2):
  // no copy through user space and one system call for most images, where a body written
  // through the stream takes a read and a write per 4 KiB.
  void send_file(Response response, unsigned version, bool keep_alive) {
    response_ = std::move(response);
    auto& file = std::get<FileResponse>(*response_);
    file.version(version);
    file.keep_alive(keep_alive);
    header_.emplace(http::response_header<>(file.base()));
    body_fd_ = file.body().file().native_handle();
    body_left_ = file.body().size();
    body_offset_ = 0;
    // Corked, the headers and the start of the file leave in the same packets (nginx's
    // tcp_nopush); uncorked once the file is out.
    set_cork(true);
    stream_.expires_after(server_.limits.write_timeout);
    http::async_write(stream_, *header_,
                      [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                        self->header_.reset();
                        if (ec) return self->close();
                        self->send_body(keep_alive);
                      });
  }

  // A body made while it is sent: the producer writes into a pipe from a thread of its own;
  // what arrives goes out as HTTP chunks.
  void send_stream(StreamResponse response, unsigned version, bool keep_alive) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return refuse(http::status::service_unavailable);
    stream_ok_ = std::make_shared<std::atomic<bool>>(false);
    std::thread([produce = std::move(response.produce), out = fds[1], ok = stream_ok_] {
      ok->store(produce(out));
      ::close(out);
    }).detach();
    pipe_.emplace(stream_.get_executor(), fds[0]);
    stream_header_.emplace(std::move(response.header));
    stream_header_->version(version);
    stream_header_->keep_alive(keep_alive);
    stream_header_->chunked(true);
    stream_serializer_.emplace(*stream_header_);
    stream_.expires_after(server_.limits.write_timeout);
    http::async_write_header(
        stream_, *stream_serializer_,
        [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
          if (ec) return self->end_stream(false, keep_alive);
          self->pump(keep_alive);
        });
  }

  void pump(bool keep_alive) {
    pipe_->async_read_some(net::buffer(chunk_), [self = shared_from_this(), keep_alive](
                                                    beast::error_code ec, std::size_t got) {
      if (ec == net::error::eof) return self->end_stream(self->stream_ok_->load(), keep_alive);
      if (ec) return self->end_stream(false, keep_alive);
      self->stream_.expires_after(self->server_.limits.write_timeout);
      net::async_write(self->stream_, http::make_chunk(net::buffer(self->chunk_.data(), got)),
                       [self, keep_alive](beast::error_code wrote, std::size_t) {
                         if (wrote) return self->end_stream(false, keep_alive);
                         self->pump(keep_alive);
                       });
    });
  }

  // Complete: the last chunk, and the connection goes on. Failed: cut, so the client sees an
  // incomplete download instead of a ZIP that looks whole.
  void end_stream(bool complete, bool keep_alive) {
    pipe_.reset();  // a producer still writing gets EPIPE and stops
    stream_serializer_.reset();
    stream_header_.reset();
    if (!complete) return close();
    stream_.expires_after(server_.limits.write_timeout);
    net::async_write(stream_, http::make_chunk_last(),
                     [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                       self->on_write(keep_alive, ec, 0);
                     });
  }

  void set_cork(bool on) {
    const int value = on ? 1 : 0;
    ::setsockopt(stream_.socket().native_handle(), IPPROTO_TCP, TCP_CORK, &value, sizeof value);
  }

  void send_body(bool keep_alive) {
    auto& socket = stream_.socket();
    if (!socket.native_non_blocking()) {
      beast::error_code ignored;
      socket.native_non_blocking(true, ignored);
    }
    while (body_left_ > 0) {
      const auto chunk = static_cast<std::size_t>(std::min<std::uintmax_t>(body_left_, 1 << 22));
      const auto sent = ::sendfile(socket.native_handle(), body_fd_, &body_offset_, chunk);
      if (sent > 0) {
        body_left_ -= static_cast<std::uintmax_t>(sent);
        continue;
      }
      if (sent < 0 && errno == EINTR) continue;
      if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        // The client's window is full: wait until it reads, but not forever.
        wait_timer_.expires_after(server_.limits.write_timeout);
        wait_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
          if (!ec) self->close();
        });
        socket.async_wait(tcp::socket::wait_write,
                          [self = shared_from_this(), keep_alive](beast::error_code ec) {
                            self->wait_timer_.cancel();
                            if (ec) return self->close();
                            self->send_body(keep_alive);
                          });
        return;
      }
      return close();  // the client went away, or the file shrank under us
    }
    set_cork(false);
    on_write(keep_alive, {}, 0);
  }

  void on_write(bool keep_alive, beast::error_code ec, std::size_t /*bytes*/) {
    response_.reset();
    if (ec || !keep_alive) return close();
    read();
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  HttpServer::State& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<Response> response_;
  std::optional<StringResponse> header_;  // of a file being sent
  int body_fd_ = -1;
  off_t body_offset_ = 0;
  std::uintmax_t body_left_ = 0;
  net::steady_timer wait_timer_;
  std::optional<net::posix::stream_descriptor> pipe_;  // of a body being made
  std::optional<http::response<http::empty_body>> stream_header_;
  std::optional<http::response_serializer<http::empty_body>> stream_serializer_;
  std::shared_ptr<std::atomic<bool>> stream_ok_;
  std::array<char, 64 * 1024> chunk_{};
  std::string client_;
  bool reading_ = false;
  bool stopping_ = false;
};

// Many connections need many descriptors: the soft limit (often 1024) is raised to the hard one.
void raise_descriptor_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// "HOST:PORT" or "[V6]:PORT"; "localhost" is the IPv4 loopback.
Result<tcp::endpoint> parse_endpoint(const std::string& address) {
  const auto colon = address.rfind(':');
  if (colon == std::string::npos || colon + 1 == address.size()) {
    return fail(ErrorCode::kInvalidInput, "--listen wants HOST:PORT, as 127.0.0.1:8080", address);
  }
  std::string host = address.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host == "localhost") host = "127.0.0.1";
  unsigned long port = 0;
  try {
    std::size_t used = 0;
    port = std::stoul(address.substr(colon + 1), &used);
    if (used != address.size() - colon - 1 || port > 65535) throw std::out_of_range("port");
  } catch (const std::exception&) {
    return fail(ErrorCode::kInvalidInput, "not a port number (0 to 65535)", address);
  }
  beast::error_code ec;
  const auto ip = net::ip::make_address(host, ec);
  if (ec) return fail(ErrorCode::kInvalidInput, "not an IP address: " + host, address);
  return tcp::endpoint(ip, static_cast<unsigned short>(port));
}

}  // namespace

void HttpServer::State::accept() {
  acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted) return;  // the acceptor was closed: stopping
    if (ec) {
      // Out of descriptors, most likely: try again shortly rather than spin.
      accept_pause.expires_after(std::chrono::milliseconds(50));
      accept_pause.async_wait([this](beast::error_code wait) {
        if (!wait) accept();
      });
      return;
    }
    std::shared_ptr<Session> session;
    {
      std::lock_guard lock(mutex);
      if (!stopping && sessions.size() < limits.max_connections) {
        session = std::make_shared<Session>(std::move(socket), *this);
        sessions.emplace(session.get(), session);
      }
    }
    if (session) session->start();  // else the socket closes as it goes out of scope
    accept();
  });
}

void HttpServer::State::begin_stop() {
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(mutex);
    if (stopping) return;
    stopping = true;
    for (auto& [raw, weak] : sessions) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  beast::error_code ignored;
  acceptor.close(ignored);
  signals.cancel(ignored);
  accept_pause.cancel();
  for (auto& session : live) session->wind_down();
}

Result<std::unique_ptr<HttpServer>> HttpServer::listen(const std::string& address,
                                                       RequestHandler& handler,
                                                       ConnectionLimits limits, int threads) {
  auto endpoint = parse_endpoint(address);
  if (!endpoint) return tl::unexpected(endpoint.error());
  raise_descriptor_limit();
  // sendfile(2) to a client that has gone raises SIGPIPE, which would end the process; the
  // error it also returns is enough.
  std::signal(SIGPIPE, SIG_IGN);
  auto state = std::make_unique<State>(handler, limits, std::max(1, threads));
  beast::error_code ec;
  state->acceptor.open(endpoint->protocol(), ec);
  if (!ec) state->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) state->acceptor.bind(*endpoint, ec);
  if (!ec) state->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return fail(ErrorCode::kIo, "cannot listen: " + ec.message(), address);
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(state)));
}

HttpServer::HttpServer(std::unique_ptr<State> state) : state_(std::move(state)) {}
HttpServer::~HttpServer() = default;

std::string HttpServer::address() const {
  beast::error_code ec;
  const auto endpoint = state_->acceptor.local_endpoint(ec);
  if (ec) return "?";
  const auto ip = endpoint.address();
  const std::string host = ip.is_v6() ? "[" + ip.to_string() + "]" : ip.to_string();
  return host + ":" + std::to_string(endpoint.port());
}

void HttpServer::run() {
  state_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) state_->begin_stop();
  });
  state_->accept();
  std::vector<std::thread> extra;
  for (int i = 1; i < state_->threads; ++i) extra.emplace_back([this] { state_->io.run(); });
  state_->io.run();
  for (auto& thread : extra) thread.join();
}

void HttpServer::stop() {
  net::post(state_->strand, [this] { state_->begin_stop(); });
}

}  // namespace vern::server
