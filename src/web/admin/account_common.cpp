#include "web/admin/account_common.hpp"

#include "http/url.hpp"
#include "web/admin/access.hpp"
#include "web/cookies.hpp"
#include "web/forms.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
std::string session_cookie(const App& app, const std::string& value) {
  return set_cookie_value(app.config, kSessionCookie, value);
}

std::string cleared_session_cookie(const App& app) {
  return set_cookie_value(app.config, kSessionCookie, "", 0);
}

http::Response render_anonymous_page(const App& app, const http::Request& request,
                                     const std::string& template_name, view::Value context,
                                     const std::string& title, int status) {
  http::Response cookies;
  context["csrf"] = csrf_token_for(app, request, cookies);
  PageMeta meta;
  meta.title = title;
  meta.nav = "admin";
  auto response = render_page(app, request, request_language(app, request), template_name,
                              std::move(context), meta, status);
  for (const auto& [name, value] : cookies.headers.all()) response.headers.add(name, value);
  mark_admin(response);
  return response;
}

std::string safe_next(std::string_view next) {
  if (http::is_local_path(next) &&
      (next == "/admin" || next.starts_with("/admin/") || next.starts_with("/admin?"))) {
    return std::string(next);
  }
  return "/admin";
}

http::Response unavailable(const App& app, const http::Request& request) {
  auto response = render_error(app, 503, &request);
  response.headers.set("Retry-After", "5");
  mark_admin(response);
  return response;
}

}  // namespace rynek::web::admin
