// The router matches a method and decoded path against route patterns:
// "/aktualnosci/{slug}" binds params["slug"]; a final "{name...}" binds the rest of the path.
// A path that matches with another method gives 405 with the Allow list.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "http/message.hpp"
#include "http/responder.hpp"

namespace rynek::http {

using SyncHandler = std::function<Response(Request&)>;
using AsyncHandler = std::function<void(Request&, Responder)>;

// The cross-site request forgery protection a route needs. The server enforces it
// before the handler runs, through the Router's CsrfGuard (web/csrf.hpp), so a
// handler never checks tokens itself and no route can forget to.
enum class Csrf {
  not_needed,    // GET, or a request that needs no form (e.g. an attendance beacon)
  visitor_form,  // an anonymous visitor's form: cookie + signed hidden field
  session_form,  // a back-office form: the signed-in session's token
};
class Router;
// Answers the request when its token is missing or wrong; nullopt lets it through.
using CsrfGuard = std::function<std::optional<Response>(const Request&, Csrf, const Router&)>;
// Paths that carry a secret (personal links) are logged as their pattern only.
enum class LogPath { full, pattern_only };

struct Route {
  Method method = Method::get;
  std::string pattern;
  std::string name;  // stable name for logs and metrics
  std::variant<SyncHandler, AsyncHandler> handler;
  std::size_t body_limit = 0;  // 0 = the server's default
  Csrf csrf = Csrf::not_needed;
  LogPath log_path = LogPath::full;
};

struct RouteMatch {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
};

struct NoRoute {};  // 404
struct MethodNotAllowed {
  std::string allow;
};  // 405, e.g. "GET, HEAD"

using MatchResult = std::variant<RouteMatch, NoRoute, MethodNotAllowed>;

class Router {
 public:
  void add(Route route);
  // The route added last logs its pattern instead of its path.
  void mark_last_private() { routes_.back().log_path = LogPath::pattern_only; }
  // HEAD matches GET routes.
  MatchResult match(Method method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }
  // Installed once by the application; with none, every protected route is refused.
  void set_csrf_guard(CsrfGuard guard) { csrf_guard_ = std::move(guard); }
  // The refusal for a route's request, or nullopt when the route may run.
  std::optional<Response> check_csrf(const Request& request, const Route& route) const;

 private:
  struct Compiled {
    std::vector<std::string> segments;  // literal, "{name}" or "{name...}"
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
  CsrfGuard csrf_guard_;
};

}  // namespace rynek::http
