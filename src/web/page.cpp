#include "web/page.hpp"

#include "core/i18n.hpp"
#include "http/url.hpp"

namespace rynek::web {

std::string tr(const std::string& lang, std::string_view msgid) {
  return core::translate(lang, msgid);
}

std::string request_language(const App& app, const http::Request& request) {
  auto cookie = request.cookie("lang");
  if (cookie && core::is_supported_language(*cookie)) return std::string(*cookie);
  return app.config.lang;
}

std::string language_switch_url(const http::Request& request, const std::string& to_lang) {
  std::string next = request.path;
  if (!request.query_string.empty()) next += "?" + request.query_string;
  return "/jezyk/" + to_lang + "?next=" + http::encode_component(next);
}

http::Response render_page(const App& app, const http::Request& request, const std::string& lang,
                           const std::string& page_template, view::Value context,
                           const PageMeta& meta, int status) {
  const std::string other = lang == "pl" ? "en" : "pl";
  context["lang"] = lang;
  context["site_name"] = "Rynek";
  context["page_title"] = meta.title;
  context["meta_description"] = meta.description;
  if (!meta.canonical_path.empty()) context["canonical_url"] = app.config.base_url + meta.canonical_path;
  context["css_url"] = app.static_files.url("css/site.css");
  context["favicon_url"] = app.static_files.url("favicon.svg");
  context["other_lang"] = other;
  context["other_lang_name"] = other == "en" ? "English" : "Polski";
  context["switch_url"] = language_switch_url(request, other);
  context["nav_home"] = meta.nav == "home";
  context["nav_news"] = meta.nav == "news";
  context["feed_url"] = "/feed.atom";
  http::Response response =
      http::Response::html(status, app.templates.render_page(page_template, context, lang));
  response.headers.set("Content-Language", lang);
  response.headers.set("Vary", "Cookie");
  return response;
}

}  // namespace rynek::web
