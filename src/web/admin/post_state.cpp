#include "web/admin/post_state.hpp"

#include <boost/json.hpp>

#include "core/log.hpp"
#include "core/text.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {

std::optional<std::int64_t> id_param(const http::Request& request, const char* name) {
  auto it = request.params.find(name);
  if (it == request.params.end()) return std::nullopt;
  return core::parse_positive_id(it->second);
}

PostContext post_context(App& app, http::Request& request, const Session& session,
                         http::Responder respond, std::string& body) {
  body = std::move(request.body);
  request.body.clear();
  auto lang = request_language(app, request);
  return PostContext{app, request, session, std::move(respond), std::move(lang), {}};
}

void respond_error(PostContext& state, int status) {
  state.respond(render_error(state.app, status, &state.request));
}

std::optional<http::Multipart> parse_multipart_body(PostContext& state, std::string_view body,
                                                    const http::MultipartLimits& limits) {
  auto parsed = http::parse_multipart(state.request.header("Content-Type"), body, limits);
  if (auto* error = std::get_if<http::MultipartError>(&parsed)) {
    spdlog::info("admin: bad multipart body on {}: {}", state.request.path,
                 http::multipart_error_name(*error));
    respond_error(state, 400);
    return std::nullopt;
  }
  return std::get<http::Multipart>(std::move(parsed));
}

void merge_into(boost::json::object& target, const std::string& json) {
  if (json.empty()) return;
  auto parsed = boost::json::parse(json);  // kept in a variable: the loop must not outlive it
  for (const auto& [key, value] : parsed.as_object()) target[key] = value;
}

}  // namespace rynek::web::admin
