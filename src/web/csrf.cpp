#include "web/csrf.hpp"

#include <spdlog/spdlog.h>

#include <limits>

#include "accounts/session.hpp"
#include "core/i18n.hpp"
#include "core/tokens.hpp"
#include "http/multipart.hpp"
#include "web/admin/access.hpp"
#include "web/forms.hpp"
#include "web/page.hpp"

namespace rynek::web {
namespace {

bool session_token_matches(App& app, const http::Request& request, const std::string& given,
                           bool& has_session) {
  auto cookie = request.cookie(admin::kSessionCookie);
  has_session = false;
  if (!cookie || !core::looks_like_token(*cookie)) return false;
  const auto id_hash = core::token_hash(*cookie);
  auto record =
      app.db.read([&](store::Connection& db) { return accounts::find_session(db, id_hash); });
  if (!record ||
      accounts::session_state(*record, core::Clock::now()) != accounts::SessionState::valid) {
    return false;
  }
  has_session = true;
  return !given.empty() && core::constant_time_equals(given, record->csrf);
}

http::Response form_expired(App& app, const http::Request& request, const http::Router& router) {
  const auto lang = request_language(app, request);
  view::Value context;
  context["status"] = 403;
  context["heading"] = core::translate(lang, "The form has expired");
  context["message"] = core::translate(
      lang,
      "For security the form could not be accepted: it was open too long, or cookies are blocked for this site. Please open the form again and send it once more.");
  // Back to the form when the same address shows it.
  if (std::holds_alternative<http::RouteMatch>(router.match(http::Method::get, request.path))) {
    context["back_href"] = request.path;
    context["back_label"] = core::translate(lang, "Back to the form");
  }
  PageMeta meta;
  meta.title = core::translate(lang, "The form has expired");
  auto response = render_page(app, request, lang, "error", std::move(context), meta, 403);
  response.headers.set("Cache-Control", "no-store");
  return response;
}

}  // namespace

std::optional<std::string> csrf_field(const http::Request& request, bool* unreadable) {
  auto type = request.header("Content-Type");
  if (type.starts_with("multipart/form-data")) {
    // The route's body limit bounds the work; how many parts a form may have is
    // the handler's rule (the seminar form has hundreds), not this check's.
    auto parsed = http::parse_multipart(type, request.body,
                                        {.max_parts = std::numeric_limits<std::size_t>::max()});
    auto* multipart = std::get_if<http::Multipart>(&parsed);
    if (!multipart) {
      if (unreadable) *unreadable = true;
      return std::nullopt;
    }
    const auto* part = multipart->find(kCsrfField);
    if (!part || part->filename) return std::nullopt;
    return part->body;
  }
  auto form = http::decode_form(request.body);
  if (!form) {
    if (unreadable) *unreadable = true;
    return std::nullopt;
  }
  for (const auto& [name, value] : *form) {
    if (name == kCsrfField) return value;
  }
  return std::nullopt;
}

http::CsrfGuard make_csrf_guard(App& app) {
  return [&app](const http::Request& request, http::Csrf needed,
                const http::Router& router) -> std::optional<http::Response> {
    bool unreadable = false;
    auto given = csrf_field(request, &unreadable);
    if (unreadable) return render_error(app, 400, &request);
    bool ok = false;
    switch (needed) {
      case http::Csrf::not_needed:
        return std::nullopt;
      case http::Csrf::visitor_form: {
        auto cookie = request.cookie(kCsrfCookie);
        ok = given && cookie && core::looks_like_token(*cookie) &&
             app.secret.csrf_token_valid(*cookie, *given);
        break;
      }
      case http::Csrf::session_form: {
        bool has_session = false;
        ok = session_token_matches(app, request, given.value_or(""), has_session) && given;
        // No session: the back-office gate sends the request to the login page.
        if (!has_session) return std::nullopt;
        break;
      }
    }
    if (ok) return std::nullopt;
    spdlog::info("csrf: {} {} refused ({})", request.route_name, request.log_path,
                 given ? "wrong token" : "no token");
    return form_expired(app, request, router);
  };
}

}  // namespace rynek::web
