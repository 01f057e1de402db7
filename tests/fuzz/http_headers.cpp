// Fuzzes what Rynek itself reads out of a request after Boost.Beast has parsed it (the HTTP/1.1
// parser is Beast's, not Rynek's): Request::cookie() on a Cookie header, accepts_gzip() on an
// Accept-Encoding header, and Router::match() on a decoded path (src/http/message.cpp,
// gzip.cpp, router.cpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/gzip.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "http/url.hpp"

namespace {

rynek::http::Router make_router() {
  using namespace rynek::http;
  Router router;
  auto add = [&](Method method, const char* pattern) {
    router.add(Route{method, pattern, pattern,
                     SyncHandler([](Request&) { return Response::text(200, "ok"); })});
  };
  add(Method::get, "/");
  add(Method::get, "/aktualnosci");
  add(Method::get, "/aktualnosci/{slug}");
  add(Method::post, "/aktualnosci/{slug}");
  add(Method::get, "/seminaria/{slug}/uczestnik/{token}");
  add(Method::get, "/static/{path...}");
  return router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rynek::http;
  static const Router router = make_router();
  std::string_view input(reinterpret_cast<const char*>(data), size);

  Request request;
  request.headers.add("Cookie", std::string(input));
  for (auto name : {"rynek_csrf", "rynek_session", "lang", ""}) (void)request.cookie(name);
  (void)accepts_gzip(input);

  for (auto method : {Method::get, Method::post, Method::head}) (void)router.match(method, input);
  if (auto target = decode_target(input)) (void)router.match(Method::get, target->path);
  return 0;
}
