// The HTTP/1.1 server: Boost.Beast over Asio with one C++20 coroutine per connection.
//
// Guarantees, each covered by tests/integration:
// - keep-alive, HEAD for every GET route, 405 with Allow, 404 for unknown paths;
// - a header block over the limit gets 431, a body over the route's limit gets 413
//   before a byte of it is read (Content-Length) or as soon as it passes (chunked);
// - a malformed request line, header or target (bad percent-encoding, invalid UTF-8),
//   or an HTTP/1.1 request without exactly one Host header, gets 400 and the
//   connection closes;
// - a client that sends too slowly is dropped when the read timeout passes, and an
//   idle keep-alive connection when the idle timeout passes;
// - on SIGTERM/SIGINT the listener closes at once, idle connections are closed,
//   requests in flight finish (their responses say Connection: close) until the
//   grace period ends; then the server returns from run().
// Handlers never see Beast types: only http::Request and http::Response.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/unique_function.hpp"
#include "http/finish.hpp"
#include "http/router.hpp"

namespace rynek::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  unsigned threads = 1;
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  std::chrono::seconds read_timeout{15};
  std::chrono::seconds idle_timeout{30};
  std::chrono::seconds shutdown_grace{10};
  bool access_log = true;
  SecurityPolicy security;  // Strict-Transport-Security behind HTTPS
};

// Renders an error page (404, 405, 400, 413, 431, 500...) for the request when one
// was parsed far enough to know its language; request may be null.
using ErrorRenderer = std::function<Response(int status, const Request* request)>;

class Server {
 public:
  Server(ServerOptions options, const Router& router, ErrorRenderer error_renderer);
  ~Server();

  // Binds and listens; throws std::runtime_error with the address on failure.
  void listen();
  std::uint16_t port() const;
  // Serves until SIGTERM/SIGINT (or stop()), then shuts down gracefully.
  void run();
  // Starts a graceful shutdown from any thread.
  void stop();
  // Runs `work` on one of the I/O threads (write completions: store/database.hpp).
  void post(core::UniqueFunction<void()> work);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rynek::http
