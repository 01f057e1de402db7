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

namespace rynek::http {

using SyncHandler = std::function<Response(Request&)>;
using AsyncHandler = std::function<void(Request&, Responder)>;

enum class Csrf { not_needed, required };

struct Route {
  Method method = Method::get;
  std::string pattern;
  std::string name;                       // stable name for logs and metrics
  std::variant<SyncHandler, AsyncHandler> handler;
  std::size_t body_limit = 0;             // 0 = the server's default
  Csrf csrf = Csrf::not_needed;
};

struct RouteMatch {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
};

struct NoRoute {};                              // 404
struct MethodNotAllowed { std::string allow; }; // 405, e.g. "GET, HEAD"

using MatchResult = std::variant<RouteMatch, NoRoute, MethodNotAllowed>;

class Router {
 public:
  void add(Route route);
  // HEAD matches GET routes.
  MatchResult match(Method method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // literal, "{name}" or "{name...}"
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

}  // namespace rynek::http
