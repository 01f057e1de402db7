// What every HTML page shares: the visitor's language, the layout's context
// (navigation, language switch, asset URLs) and rendering into the layout.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "http/message.hpp"
#include "view/templates.hpp"
#include "web/app.hpp"

namespace rynek::web {

// The language cookie when it names a supported language, else the configured default.
std::string request_language(const App& app, const http::Request& request);

struct PageMeta {
  std::string title;           // <title> and og:title; the site name is appended
  std::string description;     // meta description
  std::string canonical_path;  // e.g. "/aktualnosci/forum"
  std::string nav;             // which navigation item is current: "home", "news"
};

// Renders `page_template` inside the layout with `context` extended by the shared fields.
http::Response render_page(const App& app, const http::Request& request, const std::string& lang,
                           const std::string& page_template, view::Value context,
                           const PageMeta& meta, int status = 200);

std::string tr(const std::string& lang, std::string_view msgid);

// Serves a public page from the page cache, rendering it on a miss. The entry
// lasts until content changes, the next scheduled article is due, or max_age.
http::Response cached_page(App& app, const http::Request& request, const std::string& lang,
                           const std::function<http::Response()>& render,
                           std::optional<std::chrono::seconds> max_age = std::nullopt);

// What a visitor calls a file's type: "PDF", "DOCX"...
std::string content_type_label(const std::string& type);

// A link target that keeps the current page: "/jezyk/en?next=%2Faktualnosci".
std::string language_switch_url(const http::Request& request, const std::string& to_lang);

}  // namespace rynek::web
