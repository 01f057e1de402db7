// bench_registration_client: the load generator of bench/registration.
//
//   bench_registration_client --port P --path /seminaria/bench/rejestracja
//       --cookie 'rynek_csrf=...' --csrf TOKEN [--host 127.0.0.1] [--connections 256]
//       [--seconds 20] [--threads 1] [--run RUNID]
//
// Why not wrk: the benchmark must check that the database holds exactly the
// registrations that were acknowledged. wrk stops at its deadline with requests
// still in flight, whose registrations may commit although no 303 was counted,
// and its Lua hooks cannot tie a response to its request. This driver stops
// *issuing* at the deadline and then waits for every request in flight, so each
// POST it sent has a known answer. It is as light as wrk on the hot path: one
// coroutine per keep-alive connection, one write and (usually) one read per request,
// no HTTP library.
//
// Every POST carries a distinct e-mail (bench-RUN-N@example.org). Output, one line
// the script parses, then a human summary on stderr:
//   RESULT sent=N ok303=N other=N errors=N seconds=S p50_ms=X p99_ms=X max_ms=X
#include <strings.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

struct Settings {
  std::string host = "127.0.0.1";
  std::string port;
  std::string path;
  std::string cookie;
  std::string csrf;
  std::string run = "r";
  int connections = 256;
  int threads = 1;
  double seconds = 20;
};

// Per-thread tallies, merged at the end (no shared counters on the hot path).
struct Tally {
  std::vector<std::uint32_t> latency_us;
  std::map<int, long> statuses;
  long sent = 0;
  long errors = 0;
  Clock::time_point last_answer{};
};

std::atomic<std::uint64_t> g_next{0};

std::string form_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string request_for(const Settings& s, std::uint64_t n) {
  const auto id = s.run + "-" + std::to_string(n);
  std::string body = "csrf=" + form_encode(s.csrf) + "&name=" + form_encode("Łucja Żółć " + id) +
                     "&email=" + form_encode("bench-" + id + "@example.org") +
                     "&f_organisation=" + form_encode("Urząd Miasta Chełm") + "&website=" +
                     // The clause version the form showed (bench/registration imports "bench-1").
                     "&version_privacy=bench-1";
  std::string request = "POST " + s.path + " HTTP/1.1\r\nHost: " + s.host + ":" + s.port +
                        "\r\nCookie: " + s.cookie +
                        "\r\nContent-Type: application/x-www-form-urlencoded"
                        "\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\n\r\n";
  return request + body;
}

// Content-Length of a header block (lower-case search; Rynek always sends it).
std::optional<std::size_t> content_length(std::string_view head) {
  for (std::size_t at = 0; at < head.size();) {
    auto end = head.find("\r\n", at);
    if (end == std::string_view::npos) end = head.size();
    auto line = head.substr(at, end - at);
    if (line.size() > 15 && strncasecmp(line.data(), "content-length:", 15) == 0) {
      return std::strtoul(std::string(line.substr(15)).c_str(), nullptr, 10);
    }
    at = end + 2;
  }
  return std::nullopt;
}

asio::awaitable<void> connection(const Settings& s, tcp::endpoint endpoint,
                                 Clock::time_point deadline, Tally& tally) {
  tcp::socket socket(co_await asio::this_coro::executor);
  try {
    co_await socket.async_connect(endpoint, asio::use_awaitable);
    socket.set_option(tcp::no_delay(true));
    std::string buffer;
    while (Clock::now() < deadline) {
      auto request = request_for(s, g_next.fetch_add(1, std::memory_order_relaxed));
      const auto start = Clock::now();
      ++tally.sent;
      co_await asio::async_write(socket, asio::buffer(request), asio::use_awaitable);
      auto head_end = co_await asio::async_read_until(socket, asio::dynamic_buffer(buffer),
                                                      "\r\n\r\n", asio::use_awaitable);
      std::string_view head(buffer.data(), head_end);
      const int status = head.size() > 12 ? std::atoi(std::string(head.substr(9, 3)).c_str()) : 0;
      auto length = content_length(head);
      if (!length) throw std::runtime_error("response without Content-Length");
      const std::size_t total = head_end + *length;
      if (buffer.size() < total) {
        co_await asio::async_read(socket, asio::dynamic_buffer(buffer),
                                  asio::transfer_exactly(total - buffer.size()),
                                  asio::use_awaitable);
      }
      buffer.erase(0, total);
      const auto now = Clock::now();
      tally.latency_us.push_back(static_cast<std::uint32_t>(
          std::chrono::duration_cast<std::chrono::microseconds>(now - start).count()));
      ++tally.statuses[status];
      tally.last_answer = now;
    }
  } catch (const std::exception& error) {
    if (tally.errors++ == 0) std::cerr << "client: connection error: " << error.what() << "\n";
  }
}

double percentile_ms(const std::vector<std::uint32_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto index = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(index, sorted.size() - 1)] / 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
  Settings s;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view key = argv[i];
    std::string value = argv[i + 1];
    if (key == "--host")
      s.host = value;
    else if (key == "--port")
      s.port = value;
    else if (key == "--path")
      s.path = value;
    else if (key == "--cookie")
      s.cookie = value;
    else if (key == "--csrf")
      s.csrf = value;
    else if (key == "--run")
      s.run = value;
    else if (key == "--connections")
      s.connections = std::atoi(value.c_str());
    else if (key == "--threads")
      s.threads = std::atoi(value.c_str());
    else if (key == "--seconds")
      s.seconds = std::atof(value.c_str());
  }
  if (s.port.empty() || s.path.empty() || s.connections <= 0 || s.threads <= 0 || s.seconds <= 0) {
    std::cerr << "usage: bench_registration_client --port P --path PATH --cookie C --csrf T"
                 " [--connections N] [--seconds S] [--threads T] [--run ID]\n";
    return 2;
  }
  const tcp::endpoint endpoint(asio::ip::make_address(s.host),
                               static_cast<unsigned short>(std::atoi(s.port.c_str())));
  std::vector<Tally> tallies(static_cast<std::size_t>(s.threads));
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  const auto deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s.seconds));
  for (int t = 0; t < s.threads; ++t) {
    threads.emplace_back([&, t] {
      asio::io_context io(1);
      auto& tally = tallies[static_cast<std::size_t>(t)];
      tally.latency_us.reserve(1 << 20);
      for (int c = t; c < s.connections; c += s.threads) {
        asio::co_spawn(io, connection(s, endpoint, deadline, tally), asio::detached);
      }
      io.run();
    });
  }
  for (auto& thread : threads) thread.join();

  Tally all;
  for (auto& tally : tallies) {
    all.latency_us.insert(all.latency_us.end(), tally.latency_us.begin(), tally.latency_us.end());
    for (auto [status, count] : tally.statuses) all.statuses[status] += count;
    all.sent += tally.sent;
    all.errors += tally.errors;
    all.last_answer = std::max(all.last_answer, tally.last_answer);
  }
  std::sort(all.latency_us.begin(), all.latency_us.end());
  const long ok = all.statuses[303];
  long other = 0;
  for (auto [status, count] : all.statuses) {
    if (status != 303 && count > 0) {
      other += count;
      std::cerr << "client: " << count << " responses with status " << status << "\n";
    }
  }
  const double seconds = std::chrono::duration<double>(all.last_answer - start).count();
  std::printf(
      "RESULT sent=%ld ok303=%ld other=%ld errors=%ld seconds=%.3f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
      all.sent, ok, other, all.errors, seconds, percentile_ms(all.latency_us, 50),
      percentile_ms(all.latency_us, 99),
      all.latency_us.empty() ? 0.0 : all.latency_us.back() / 1000.0);
  return 0;
}
