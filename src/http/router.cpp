#include "http/router.hpp"

#include <spdlog/spdlog.h>

#include "core/text.hpp"

namespace rynek::http {
namespace {

std::vector<std::string> split_pattern(std::string_view path) {
  std::vector<std::string> segments;
  for (auto part : core::split(path, '/')) segments.emplace_back(part);
  // "/a/b" splits into "", "a", "b": drop the leading empty segment.
  if (!segments.empty() && segments.front().empty()) segments.erase(segments.begin());
  return segments;
}

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool is_rest_param(const std::string& segment) {
  return is_param(segment) && segment.ends_with("...}");
}

std::string param_name(const std::string& segment) {
  std::string name = segment.substr(1, segment.size() - 2);
  if (name.ends_with("...")) name.resize(name.size() - 3);
  return name;
}

std::vector<std::string_view> split_path(std::string_view path) {
  auto segments = core::split(path, '/');
  if (!segments.empty() && segments.front().empty()) segments.erase(segments.begin());
  return segments;
}

// Returns true and fills params when the path segments fit the pattern.
bool match_segments(const std::vector<std::string>& pattern,
                    const std::vector<std::string_view>& path,
                    std::map<std::string, std::string>& params) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const auto& segment = pattern[i];
    if (is_rest_param(segment)) {
      if (i >= path.size()) return false;
      std::string rest;
      for (std::size_t j = i; j < path.size(); ++j) {
        if (j > i) rest += '/';
        rest += path[j];
      }
      params[param_name(segment)] = std::move(rest);
      return true;
    }
    if (i >= path.size()) return false;
    if (is_param(segment)) {
      if (path[i].empty()) return false;
      params[param_name(segment)] = std::string(path[i]);
    } else if (segment != path[i]) {
      return false;
    }
  }
  return pattern.size() == path.size();
}

}  // namespace

void Router::add(Route route) {
  compiled_.push_back({split_pattern(route.pattern)});
  routes_.push_back(std::move(route));
}

MatchResult Router::match(Method method, std::string_view path) const {
  const auto segments = split_path(path);
  std::string allow;
  auto note_allowed = [&](Method m) {
    std::string_view name = method_name(m);
    if (allow.find(name) != std::string::npos) return;
    if (!allow.empty()) allow += ", ";
    allow += name;
    if (m == Method::get) allow += ", HEAD";
  };
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    std::map<std::string, std::string> params;
    if (!match_segments(compiled_[i].segments, segments, params)) continue;
    const Route& route = routes_[i];
    if (route.method == method || (method == Method::head && route.method == Method::get)) {
      return RouteMatch{&route, std::move(params)};
    }
    note_allowed(route.method);
  }
  if (!allow.empty()) return MethodNotAllowed{std::move(allow)};
  return NoRoute{};
}

std::optional<Response> Router::check_csrf(const Request& request, const Route& route) const {
  if (route.csrf == Csrf::not_needed) return std::nullopt;
  if (!csrf_guard_) {
    spdlog::error("route {} needs a CSRF check but no guard is installed", route.name);
    return Response::text(403, "Forbidden");
  }
  return csrf_guard_(request, route.csrf, *this);
}

}  // namespace rynek::http
