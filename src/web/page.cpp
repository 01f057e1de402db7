#include "web/page.hpp"

#include <map>

#include "content/article.hpp"
#include "core/i18n.hpp"
#include "http/url.hpp"
#include "web/site_settings.hpp"

namespace rynek::web {

// What a visitor calls the file type: "PDF", "DOCX"...
std::string content_type_label(const std::string& type) {
  static const std::map<std::string, std::string, std::less<>> labels = {
      {"application/pdf", "PDF"},
      {"application/msword", "DOC"},
      {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"},
      {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"},
      {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "PPTX"},
      {"application/vnd.oasis.opendocument.text", "ODT"},
      {"application/vnd.oasis.opendocument.spreadsheet", "ODS"},
      {"application/zip", "ZIP"},
      {"text/plain", "TXT"},
      {"text/csv", "CSV"},
      {"image/png", "PNG"},
      {"image/jpeg", "JPEG"},
  };
  auto it = labels.find(type);
  if (it != labels.end()) return it->second;
  auto slash = type.find('/');
  std::string subtype = slash == std::string::npos ? type : type.substr(slash + 1);
  for (auto& c : subtype) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return subtype;
}

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
  add_site_context(app,
                   context);  // the organisation's name and, for the footer, its contact details
  context["page_title"] = meta.title;
  if (!meta.description.empty()) context["meta_description"] = meta.description;
  if (!meta.canonical_path.empty())
    context["canonical_url"] = app.config.base_url + meta.canonical_path;
  context["css_url"] = app.static_files.url("css/site.css");
  context["favicon_url"] = app.static_files.url("favicon.svg");
  context["participant_js_url"] = app.static_files.url("js/participant.js");
  context["hls_js_url"] = app.static_files.url("vendor/hls.min.js");
  context["other_lang"] = other;
  context["other_lang_name"] = other == "en" ? "English" : "Polski";
  context["switch_url"] = language_switch_url(request, other);
  context["nav_home"] = meta.nav == "home";
  context["nav_news"] = meta.nav == "news";
  context["nav_seminars"] = meta.nav == "seminars";
  context["feed_url"] = "/feed.atom";
  http::Response response =
      http::Response::html(status, app.templates.render_page(page_template, context, lang));
  response.headers.set("Content-Language", lang);
  response.headers.set("Vary", "Cookie");
  return response;
}

}  // namespace rynek::web

namespace rynek::web {

http::Response cached_page(App& app, const http::Request& request, const std::string& lang,
                           const std::function<http::Response()>& render,
                           std::optional<std::chrono::seconds> max_age) {
  return app.cache.get_or_render(
      lang + " " + request.target, request, [&](core::TimePoint& expires) {
        auto now = core::Clock::now();
        auto next =
            app.db.read([&](store::Connection& db) { return content::next_publication(db, now); });
        if (next && *next < expires) expires = *next;
        if (max_age && now + *max_age < expires) expires = now + *max_age;
        return render();
      });
}

}  // namespace rynek::web
