#include "web/site.hpp"

#include "content/article.hpp"
#include "content/media.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "http/url.hpp"
#include "web/cookies.hpp"

namespace rynek::web {
namespace {

bool is_inline_image(const std::string& type) {
  // SVG can carry script: it is always a download.
  return type == "image/png" || type == "image/jpeg" || type == "image/gif" || type == "image/webp";
}

// RFC 6266 / 5987: a plain ASCII fallback and the UTF-8 name.
std::string content_disposition(const std::string& kind, const std::string& filename) {
  std::string ascii;
  for (unsigned char c : filename) {
    ascii += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
  }
  return kind + "; filename=\"" + ascii + "\"; filename*=UTF-8''" +
         http::encode_component(filename);
}

}  // namespace

http::Response media_file(App& app, http::Request& request) {
  const auto& sha256 = request.params.at("sha256");
  if (!content::is_sha256_hex(sha256)) return render_error(app, 404, &request);
  auto media = app.db.read([&](store::Connection& db) { return content::find_media(db, sha256); });
  if (!media) return render_error(app, 404, &request);
  auto bytes = app.media.read(sha256);
  if (!bytes) {
    spdlog::error("media {} is in the database but not on disk", sha256);
    return render_error(app, 404, &request);
  }
  http::Response response;
  response.headers.set("Content-Type", media->content_type);
  response.headers.set("ETag", "\"" + sha256 + "\"");
  response.headers.set("Cache-Control", "public, max-age=31536000, immutable");
  // Uploaded files never run as a page of this site, even if a browser tried.
  response.headers.set("Content-Security-Policy", "default-src 'none'; sandbox");
  response.headers.set(
      "Content-Disposition",
      content_disposition(is_inline_image(media->content_type) ? "inline" : "attachment",
                          request.params.at("name")));
  response.body = std::move(*bytes);
  response.quiet = true;
  return response;
}

http::Response switch_language(App& app, http::Request& request) {
  const auto& lang = request.params.at("lang");
  std::string next(request.query_param("next").value_or("/"));
  if (!http::is_local_path(next)) next = "/";
  if (!core::is_supported_language(lang)) return http::Response::redirect(303, next);
  auto response = http::Response::redirect(303, next);
  response.headers.set("Set-Cookie", set_cookie_value(app.config, "lang", lang, 31536000));
  response.headers.set("Cache-Control", "no-store");
  return response;
}

http::Response healthz(App&, http::Request&) {
  auto response = http::Response::text(200, "ok\n");
  response.headers.set("Cache-Control", "no-store");
  response.quiet = true;
  return response;
}

http::Response readyz(App& app, http::Request&) {
  http::Response response;
  try {
    auto version = app.db.read([](store::Connection& db) { return content::content_version(db); });
    response = http::Response::json(
        200, "{\"status\":\"ready\",\"content_version\":" + std::to_string(version) + "}");
  } catch (const std::exception& e) {
    spdlog::warn("readyz: database not ready: {}", e.what());
    response = http::Response::json(503, "{\"status\":\"unavailable\"}");
  }
  response.headers.set("Cache-Control", "no-store");
  response.quiet = true;
  return response;
}

http::Response robots_txt(App& app, http::Request&) {
  auto response = http::Response::text(
      200, "User-agent: *\nAllow: /\nSitemap: " + app.config.base_url + "/sitemap.xml\n");
  response.quiet = true;
  return response;
}

http::Response static_file(App& app, http::Request& request) {
  auto response = app.static_files.serve(request, request.params.at("path"));
  if (response.status == 404) return render_error(app, 404, &request);
  return response;
}

}  // namespace rynek::web
