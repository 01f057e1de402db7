#include "http/server.hpp"

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "core/clock.hpp"
#include "core/log.hpp"
#include "http/finish.hpp"
#include "http/url.hpp"

namespace rynek::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using std::chrono::steady_clock;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

Method to_method(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get:
      return Method::get;
    case bhttp::verb::head:
      return Method::head;
    case bhttp::verb::post:
      return Method::post;
    case bhttp::verb::put:
      return Method::put;
    case bhttp::verb::patch:
      return Method::patch;
    case bhttp::verb::delete_:
      return Method::del;
    case bhttp::verb::options:
      return Method::options;
    default:
      return Method::other;
  }
}

struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool busy = false;  // a request has been read and is not yet answered
};

// Awaits an asynchronous handler: the Responder it receives may be called (or
// dropped) on any thread, e.g. the database writer's; the coroutine resumes on its
// own strand. A dropped Responder delivers a response marked abandoned.
template <class Token>
auto async_invoke(const AsyncHandler& handler, Request& request, Token&& token) {
  return asio::async_initiate<Token, void(Response)>(
      [&handler, &request](auto completion) {
        auto executor = asio::prefer(asio::get_associated_executor(completion),
                                     asio::execution::outstanding_work.tracked);
        Responder respond(
            [completion = std::move(completion), executor](Response response) mutable {
              asio::post(executor, [completion = std::move(completion),
                                    response = std::move(response)]() mutable {
                std::move(completion)(std::move(response));
              });
            });
        // A handler that throws has dropped its Responder on the way out, which
        // answers 500 through the completion: the exception must not reach asio too.
        try {
          handler(request, std::move(respond));
        } catch (const std::exception& e) {
          spdlog::error("route {} failed: {}", request.route_name, e.what());
        } catch (...) {
          spdlog::error("route {} failed", request.route_name);
        }
      },
      token);
}

// The access log's timestamp changes once a second: format it once a second per thread.
const std::string& log_timestamp() {
  thread_local core::TimePoint last{};
  thread_local std::string text;
  auto now = core::Clock::now();
  if (now != last || text.empty()) {
    last = now;
    text = core::format_iso8601(now);
  }
  return text;
}

std::string access_line(const Request& request, int status, std::size_t bytes, double ms) {
  return fmt::format(
      R"({{"ts":"{}","type":"access","ip":"{}","method":"{}","path":"{}","route":"{}","status":{},"bytes":{},"ms":{:.3f}}})",
      log_timestamp(), request.remote_address, method_name(request.method),
      core::json_escape(request.log_path), request.route_name, status, bytes, ms);
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, const Router& r, ErrorRenderer e)
      : options(std::move(o)),
        router(r),
        render_error(std::move(e)),
        ioc(static_cast<int>(std::max(1u, options.threads))),
        acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM),
        shutdown_timer(ioc) {}

  ServerOptions options;
  const Router& router;
  ErrorRenderer render_error;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer shutdown_timer;
  std::atomic<bool> stopping{false};
  std::mutex connections_mutex;
  std::set<std::shared_ptr<Connection>> connections;
  steady_clock::time_point shutdown_deadline;

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> session(std::shared_ptr<Connection> connection);
  asio::awaitable<bool> write(beast::tcp_stream& stream, const Request* request, Response& response,
                              bool keep_alive);
  Response error_response(int status, const Request* request);
  Response dispatch_error(const Request& request, const MatchResult& match);
  void begin_shutdown();
  void check_shutdown();
};

Response Server::Impl::error_response(int status, const Request* request) {
  try {
    return render_error(status, request);
  } catch (const std::exception& e) {
    spdlog::error("error page {} failed: {}", status, e.what());
    return Response::text(status, "Error " + std::to_string(status));
  }
}

asio::awaitable<bool> Server::Impl::write(beast::tcp_stream& stream, const Request* request,
                                          Response& response, bool keep_alive) {
  if (request)
    finish_response(*request, response, options.security);
  else
    add_security_headers(response, options.security);
  std::string_view body = response.body_view();
  bool head = request && request->method == Method::head;
  bool no_body = head || response.status == 304 || response.status == 204;
  bhttp::response<bhttp::span_body<const char>> message;
  message.result(static_cast<unsigned>(response.status));
  message.version(11);
  for (const auto& [name, value] : response.headers.all()) message.insert(name, value);
  if (response.status != 304 && response.status != 204) message.content_length(body.size());
  if (!no_body) message.body() = beast::span<const char>(body.data(), body.size());
  message.keep_alive(keep_alive);
  stream.expires_after(options.read_timeout);
  auto [ec, bytes] = co_await bhttp::async_write(stream, message, kUseTuple);
  co_return !ec;
}

Response Server::Impl::dispatch_error(const Request& request, const MatchResult& match) {
  if (auto* not_allowed = std::get_if<MethodNotAllowed>(&match)) {
    Response response = error_response(405, &request);
    response.headers.set("Allow", not_allowed->allow);
    return response;
  }
  return error_response(404, &request);
}

asio::awaitable<void> Server::Impl::session(std::shared_ptr<Connection> connection) {
  beast::tcp_stream& stream = connection->stream;
  beast::flat_buffer buffer;
  beast::error_code ignored;
  std::string remote = stream.socket().remote_endpoint(ignored).address().to_string();
  for (;;) {
    connection->busy = false;
    if (stopping) break;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    // No body limit while reading the header: Beast would otherwise fail a large
    // Content-Length with error::body_limit inside async_read_header, which came out
    // as 400 and ignored the route's own limit. The limit is checked below, once the
    // route is known (413 before a byte of the body is read), and set for the body read.
    parser.body_limit(boost::none);
    // Between requests the idle timeout applies only until the next request's first
    // bytes arrive; from then on the whole header must arrive within the read timeout.
    // (Before, the idle timeout covered the whole header, so a client that sent half a
    // request line and stopped held the connection for the idle timeout instead.)
    if (buffer.size() == 0) {
      stream.expires_after(options.idle_timeout);
      auto [wait_error, first_bytes] =
          co_await stream.async_read_some(buffer.prepare(4096), kUseTuple);
      if (wait_error) break;
      buffer.commit(first_bytes);
    }
    stream.expires_after(options.read_timeout);
    auto [read_error, header_bytes] =
        co_await bhttp::async_read_header(stream, buffer, parser, kUseTuple);
    if (read_error) {
      std::optional<Response> refusal;
      if (read_error == bhttp::error::header_limit) {
        refusal = error_response(431, nullptr);
      } else if (read_error.category() ==
                     bhttp::make_error_code(bhttp::error::bad_target).category() &&
                 read_error != bhttp::error::end_of_stream &&
                 read_error != bhttp::error::partial_message) {
        refusal = error_response(400, nullptr);
      }
      if (refusal) {
        auto refused_at = steady_clock::now();
        co_await write(stream, nullptr, *refusal, false);
        // Logged like any request (no method or path could be read), so floods of
        // malformed requests show up in the access log.
        if (options.access_log) {
          Request unparsed;
          unparsed.method = Method::other;
          unparsed.remote_address = remote;
          double ms =
              std::chrono::duration<double, std::milli>(steady_clock::now() - refused_at).count();
          core::access_log(access_line(unparsed, refusal->status, refusal->body_view().size(), ms));
        }
      }
      break;
    }
    connection->busy = true;
    auto started = steady_clock::now();
    const auto& header = parser.get();
    Request request;
    request.method = to_method(header.method());
    request.target = std::string(header.target());
    request.remote_address = remote;
    for (const auto& field : header) {
      request.headers.add(std::string(field.name_string()), std::string(field.value()));
    }
    bool has_body = parser.chunked() || (parser.content_length() && *parser.content_length() > 0);
    bool keep_alive = parser.keep_alive() && !has_body;  // revised once the body is read

    Response response;
    auto target = decode_target(request.target);
    // RFC 9112 6.3: a Transfer-Encoding whose last coding is not chunked leaves the
    // body length unknown; Beast would treat such a body as the next request (a
    // smuggling vector), so it gets 400 and the connection closes.
    bool bad_framing = header.count(bhttp::field::transfer_encoding) > 0 && !parser.chunked();
    // No Host in HTTP/1.1, or two of them: which site is meant is unknown (RFC 9112 3.2).
    bad_framing = bad_framing || !host_header_valid(request.headers, header.version());
    if (bad_framing) {
      response = error_response(400, nullptr);
      keep_alive = false;
    } else if (!target || request.method == Method::other) {
      response = error_response(target ? 501 : 400, target ? &request : nullptr);
      keep_alive = false;
    } else {
      request.path = std::move(target->path);
      request.log_path = request.path;
      request.query_string = std::move(target->query_string);
      request.query = std::move(target->query);
      MatchResult match = router.match(request.method, request.path);
      auto* found = std::get_if<RouteMatch>(&match);
      if (!found) {
        response = dispatch_error(request, match);
      } else {
        const Route& route = *found->route;
        request.params = std::move(found->params);
        request.route_name = route.name;
        if (route.log_path == LogPath::pattern_only) request.log_path = route.pattern;
        std::size_t limit = route.body_limit ? route.body_limit : options.max_body_bytes;
        bool body_ok = true;
        if (parser.content_length() && *parser.content_length() > limit) {
          response = error_response(413, &request);
          body_ok = false;
        } else if (!parser.is_done()) {
          parser.body_limit(limit);
          if (beast::iequals(header[bhttp::field::expect], "100-continue")) {
            bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_, 11};
            co_await bhttp::async_write(stream, proceed, kUseTuple);
          }
          stream.expires_after(options.read_timeout);
          auto [body_error, body_bytes] =
              co_await bhttp::async_read(stream, buffer, parser, kUseTuple);
          if (body_error == bhttp::error::body_limit) {
            response = error_response(413, &request);
            body_ok = false;
          } else if (body_error) {
            break;  // timeout or a broken connection: nobody to answer
          }
        }
        if (body_ok) {
          keep_alive = parser.keep_alive();
          request.body = std::move(parser.get().body());
          try {
            if (auto refused = router.check_csrf(request, route)) {
              response = std::move(*refused);
            } else if (auto* sync = std::get_if<SyncHandler>(&route.handler)) {
              response = (*sync)(request);
            } else {
              response = co_await async_invoke(std::get<AsyncHandler>(route.handler), request,
                                               asio::use_awaitable);
              if (Responder::is_abandoned(response)) {
                spdlog::error("route {} dropped its request without an answer", route.name);
                response = error_response(500, &request);
              }
            }
          } catch (const std::exception& e) {
            spdlog::error("route {} failed: {}", route.name, e.what());
            response = error_response(500, &request);
          }
        }
      }
    }
    if (stopping) keep_alive = false;
    int status = response.status;
    bool quiet = response.quiet;
    bool written = false;
    if (response.raw_head && request.method == Method::get &&
        !request.headers.has("If-None-Match")) {
      // Page-cache hit: the header block was built once; send it and the body as they are.
      std::string_view head = *response.raw_head;
      std::string closing;
      if (!keep_alive) {
        closing = std::string(head.substr(0, head.size() - 2)) + "Connection: close\r\n\r\n";
        head = closing;
      }
      std::array<asio::const_buffer, 2> buffers{asio::buffer(head.data(), head.size()),
                                                asio::buffer(response.body_view())};
      stream.expires_after(options.read_timeout);
      auto [write_error, bytes] = co_await asio::async_write(stream, buffers, kUseTuple);
      written = !write_error;
    } else {
      written = co_await write(stream, &request, response, keep_alive);
    }
    if (options.access_log && !quiet) {
      double ms = std::chrono::duration<double, std::milli>(steady_clock::now() - started).count();
      core::access_log(access_line(request, status, response.body_view().size(), ms));
    }
    if (!written || !keep_alive) break;
  }
  // Lingering close: closing a socket that still has unread input (a pipelined
  // request, the rest of a body we refused) makes the kernel send RST, which throws
  // away the end of the response still in the send buffer; a 20 MB download cut
  // short at shutdown showed it. So send FIN, then read and discard until the client
  // closes or a short deadline passes; the connection counts as busy meanwhile so a
  // shutdown does not close it early.
  connection->busy = true;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  if (stream.socket().is_open()) {
    stream.expires_after(
        std::min<std::chrono::seconds>(options.read_timeout, std::chrono::seconds(2)));
    char discard[4096];
    for (;;) {
      auto [drain_error, drained] =
          co_await stream.async_read_some(asio::buffer(discard), kUseTuple);
      if (drain_error) break;
    }
  }
  stream.close();
}

asio::awaitable<void> Server::Impl::accept_loop() {
  for (;;) {
    auto [error, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kUseTuple);
    if (error) {
      if (stopping || error == asio::error::operation_aborted) co_return;
      spdlog::warn("accept failed: {}", error.message());
      asio::steady_timer pause(ioc, std::chrono::milliseconds(50));  // e.g. out of descriptors
      co_await pause.async_wait(kUseTuple);
      continue;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto connection = std::make_shared<Connection>(std::move(socket));
    {
      std::lock_guard lock(connections_mutex);
      connections.insert(connection);
    }
    asio::co_spawn(connection->stream.get_executor(), session(connection),
                   [this, connection](std::exception_ptr failure) {
                     if (failure) {
                       try {
                         std::rethrow_exception(failure);
                       } catch (const std::exception& e) {
                         spdlog::error("connection failed: {}", e.what());
                       }
                     }
                     std::lock_guard lock(connections_mutex);
                     connections.erase(connection);
                   });
  }
}

void Server::Impl::begin_shutdown() {
  if (stopping.exchange(true)) return;
  spdlog::info("shutting down: no new connections, finishing requests in flight");
  beast::error_code ignored;
  acceptor.close(ignored);
  signals.cancel(ignored);
  {
    // Scoped: check_shutdown() below takes the same (non-recursive) mutex; holding it
    // here deadlocked the signal handler, so SIGTERM never stopped the server.
    std::lock_guard lock(connections_mutex);
    for (const auto& connection : connections) {
      // Cancel the idle connection's pending read rather than closing its socket: the
      // session then leaves its loop through the lingering close. A plain close() here
      // answered a request arriving afterwards with RST, which discarded the end of the
      // previous response still in the send buffer (seen on a 20 MB download).
      asio::post(connection->stream.get_executor(), [connection] {
        if (!connection->busy) connection->stream.cancel();
      });
    }
  }
  shutdown_deadline = steady_clock::now() + options.shutdown_grace;
  check_shutdown();
}

void Server::Impl::check_shutdown() {
  bool empty;
  {
    std::lock_guard lock(connections_mutex);
    empty = connections.empty();
  }
  if (empty || steady_clock::now() >= shutdown_deadline) {
    if (!empty) spdlog::warn("shutdown grace period over; closing remaining connections");
    ioc.stop();
    return;
  }
  shutdown_timer.expires_after(std::chrono::milliseconds(20));
  shutdown_timer.async_wait([this](beast::error_code) { check_shutdown(); });
}

Server::Server(ServerOptions options, const Router& router, ErrorRenderer error_renderer)
    : impl_(std::make_unique<Impl>(std::move(options), router, std::move(error_renderer))) {}

Server::~Server() = default;

void Server::listen() {
  beast::error_code error;
  auto address = asio::ip::make_address(impl_->options.host, error);
  if (error) {
    tcp::resolver resolver(impl_->ioc);
    auto results =
        resolver.resolve(impl_->options.host, std::to_string(impl_->options.port), error);
    if (error || results.empty()) {
      throw std::runtime_error("listen: cannot resolve host '" + impl_->options.host + "'");
    }
    address = results.begin()->endpoint().address();
  }
  tcp::endpoint endpoint(address, impl_->options.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint, error);
  if (error) {
    throw std::runtime_error(fmt::format("listen: cannot bind {}:{}: {}", impl_->options.host,
                                         impl_->options.port, error.message()));
  }
  acceptor.listen(asio::socket_base::max_listen_connections);
}

std::uint16_t Server::port() const {
  return impl_->acceptor.local_endpoint().port();
}

void Server::run() {
  auto& impl = *impl_;
  impl.signals.async_wait([&impl](beast::error_code error, int) {
    if (!error) impl.begin_shutdown();
  });
  asio::co_spawn(impl.ioc, impl.accept_loop(), asio::detached);
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < std::max(1u, impl.options.threads); ++i) {
    threads.emplace_back([&impl] { impl.ioc.run(); });
  }
  impl.ioc.run();
  for (auto& thread : threads) thread.join();
}

void Server::stop() {
  asio::post(impl_->ioc, [impl = impl_.get()] { impl->begin_shutdown(); });
}

void Server::post(core::UniqueFunction<void()> work) {
  asio::post(impl_->ioc, std::move(work));
}

}  // namespace rynek::http
