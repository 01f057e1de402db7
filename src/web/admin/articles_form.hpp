// The article form: reading it from a multipart body, validating it, and
// rendering it with the values kept and an error summary (private to articles*.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "content/editing.hpp"
#include "http/multipart.hpp"
#include "web/admin/access.hpp"
#include "web/admin/form_view.hpp"

namespace rynek::web::admin {

struct ArticleFormInput {
  std::string title, slug, lead, body, tags, published_at, hero_alt, action;
  bool remove_hero = false;
  std::string hero_bytes;  // a newly uploaded hero image, "" when none
  // The article's revision when the form was opened, sent back hidden and
  // checked in the write job (content::check_revision); kept as typed.
  std::string revision;
};

ArticleFormInput read_article_form(const http::Multipart& form);
ArticleFormInput form_from_article(const content::EditableArticle& article);

// Fills `out` from the input; the errors, translated, in form order. The hero
// image itself is checked later (it needs decoding): `out.hero_sha256` keeps the
// existing image unless removed.
std::vector<FieldError> validate_article_form(
    const std::string& lang, const ArticleFormInput& input,
    const std::optional<content::EditableArticle>& existing, core::TimePoint now,
    content::ArticleFields& out);

// The "Preview" button's answer: the unsaved text rendered under the body field.
struct ArticlePreview {
  std::string body_html;      // view::render_markdown of the typed body
  bool hero_dropped = false;  // a file was chosen: browsers cannot put it back into the form
};

http::Response render_article_form(
    const App& app, const http::Request& request, const Session& session,
    const ArticleFormInput& values, const std::optional<content::EditableArticle>& existing,
    const std::vector<FieldError>& errors, const std::string& notice, int status = 200,
    const std::optional<ArticlePreview>& preview = std::nullopt,
    content::RevisionCheck conflict = content::RevisionCheck::current);

// "Szkic", "Zaplanowany"... in the page's language.
std::string status_label(const std::string& lang, content::DisplayStatus status);

// Warsaw wall time "YYYY-MM-DD HH:MM", and back (also "YYYY-MM-DDTHH:MM" from datetime-local
// inputs).
std::string warsaw_local(core::TimePoint t);
std::optional<core::TimePoint> parse_warsaw_local(std::string_view text);

}  // namespace rynek::web::admin
