// Saving articles and their attachments (POST handlers of articles.hpp), in
// the three steps of admin/post_state.hpp. Every write job goes through
// write_content so the page cache knows the new content version before the
// editor (or anyone) is redirected to a page. Files of a job that then fails stay on
// disk unreferenced: they are content-addressed, so a retry reuses them.
#include <boost/json.hpp>

#include "accounts/audit.hpp"
#include "content/article.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "view/markdown.hpp"
#include "web/admin/articles.hpp"
#include "web/admin/articles_form.hpp"
#include "web/admin/post_state.hpp"
#include "web/admin/uploads.hpp"
#include "web/content_write.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
namespace {

using ArticlePost = PostState<content::EditableArticle>;

struct ArticleSave {
  std::shared_ptr<ArticlePost> state;
  ArticleFormInput input;
  content::ArticleFields fields;
  std::optional<StoredImage> image;
  content::RevisionCheck conflict = content::RevisionCheck::current;  // set in the write job
  bool gone = false;  // deleted (a draft) after the form was read: set in the write job
};

// A chosen image cannot be kept across a re-render (a file input starts
// empty): every re-render that drops one says so.
void render_with_errors(const ArticleSave& save, std::vector<FieldError> errors, int status) {
  auto& state = *save.state;
  const bool hero_dropped = !save.input.hero_bytes.empty() || save.image.has_value();
  const auto notice =
      hero_dropped
          ? core::translate(state.lang,
                            "The chosen image was not kept: choose it again before saving.")
          : "";
  state.respond(render_article_form(state.app, state.request, state.session, save.input,
                                    state.existing, errors, notice, status, std::nullopt,
                                    save.conflict));
}

// "Preview": the form again, every value kept, with the typed body rendered as
// the public page would render it. Nothing is stored, not even a chosen image
// (it is neither checked nor kept). Validation errors are shown as on a save, so
// the editor learns early what would block it, but they never hide the preview.
void render_preview(const ArticleSave& save, const std::vector<FieldError>& errors) {
  auto& state = *save.state;
  ArticlePreview preview{view::render_markdown(save.input.body), !save.input.hero_bytes.empty()};
  state.respond(render_article_form(state.app, state.request, state.session, save.input,
                                    state.existing, errors, "", 200, preview));
}

void write_article(std::shared_ptr<ArticleSave> save) {
  auto& state = *save->state;
  auto created_id = std::make_shared<std::int64_t>(state.id.value_or(0));
  auto job = [save, created_id](store::Connection& db) {
    auto& st = *save->state;
    const auto now = core::Clock::now();
    if (st.existing) {
      const auto stored = content::article_revision(db, *st.id);
      if (!stored) {
        save->gone = true;
        return;
      }
      save->conflict = check_form_revision(save->input.revision, *stored);
      if (save->conflict != content::RevisionCheck::current) return;
    }
    auto fields = save->fields;
    if (save->image) fields.hero_sha256 = record_image(db, *save->image);
    const auto& action = save->input.action;
    boost::json::object details;
    std::string audit_action;
    if (!st.existing) {
      auto status =
          action == "publish" ? content::ArticleStatus::published : content::ArticleStatus::draft;
      *created_id = content::create_article(db, fields, status, now);
      details["title"] = fields.title;
      details["slug"] = fields.slug;
      details["status"] = std::string(content::status_name(status));
      audit_action = "article.create";
    } else {
      merge_into(details, content::update_article(db, *st.id, fields, now).value_or(""));
      audit_action = "article.update";
      if (action == "publish" || action == "unpublish") {
        auto status = action == "publish" ? content::ArticleStatus::published
                                          : content::ArticleStatus::unpublished;
        merge_into(details,
                   content::set_article_status(db, *st.id, status, std::nullopt, now).value_or(""));
        audit_action = "article." + action;
      }
    }
    if (!details.empty()) {
      accounts::record_audit(db, st.session.account.id, audit_action, "article", *created_id,
                             fields.title, boost::json::serialize(details), now);
    }
  };
  auto done = [save, created_id](store::WriteOutcome outcome) {
    auto& st = *save->state;
    if (outcome.ok && save->gone) {
      respond_error(st, 404);
    } else if (outcome.ok && save->conflict != content::RevisionCheck::current) {
      render_with_errors(*save, {}, 409);
    } else if (outcome.ok) {
      // The notice after the redirect names what happened: published is not "saved".
      const auto& action = save->input.action;
      const char* saved = action == "publish"     ? "opublikowano"
                          : action == "unpublish" ? "wycofano"
                                                  : "1";
      st.respond(http::Response::redirect(
          303, "/admin/artykuly/" + std::to_string(*created_id) + "?zapisano=" + saved));
    } else if (outcome.error == store::DbErrc::unique_violation) {
      render_with_errors(
          *save, {{"slug", core::translate(st.lang, "Another article already has this address.")}},
          409);
    } else {
      spdlog::error("admin: saving article failed: {}", outcome.message);
      respond_error(st, 503);
    }
  };
  write_content(state.app, std::move(job), std::move(done));
}

}  // namespace

void article_save(App& app, http::Request& request, const Session& session,
                  http::Responder respond) {
  std::string body;
  auto state =
      start_post<content::EditableArticle>(app, request, session, std::move(respond), body);
  if (!load_existing(*state, content::load_article)) return;
  auto form = parse_multipart_body(*state, body);
  if (!form) return;
  auto save =
      std::make_shared<ArticleSave>(ArticleSave{state, read_article_form(*form), {}, {}, {}});
  form.reset();
  const auto& action = save->input.action;
  if (action != "save" && action != "publish" && action != "preview" &&
      !(action == "unpublish" && state->existing)) {
    return respond_error(*state, 400);
  }
  const auto now = core::Clock::now();
  auto errors = validate_article_form(state->lang, save->input, state->existing, now, save->fields);
  if (action == "preview") return render_preview(*save, errors);
  if (action == "publish" && save->input.published_at.empty()) save->fields.published_at = now;
  if (!errors.empty()) return render_with_errors(*save, std::move(errors), 422);
  store_hero_then_write(
      save, write_article,
      [](const std::shared_ptr<ArticleSave>& refused, const std::string& refusal) {
        render_with_errors(*refused, {{"hero", core::translate(refused->state->lang, refusal)}},
                           422);
      },
      [state] { respond_error(*state, 503); });
}

void article_attachment_add(App& app, http::Request& request, const Session& session,
                            http::Responder respond) {
  std::string body;
  auto state =
      start_post<content::EditableArticle>(app, request, session, std::move(respond), body);
  if (!load_existing(*state, content::load_article)) return;
  auto form = parse_multipart_body(*state, body);
  if (!form) return;
  const auto* title_part = form->find("title");
  auto title = std::string(core::trim(title_part && !title_part->filename ? title_part->body : ""));
  const auto* file = form->find("file");
  std::vector<FieldError> errors;
  if (title.empty() || title.size() > 200) {
    errors.push_back(
        {"attachment_title",
         core::translate(state->lang, "Enter the attachment's title (at most 200 characters).")});
  }
  if (!file || !file->filename || file->body.empty()) {
    errors.push_back({"attachment_file", core::translate(state->lang, "Choose a file.")});
  }
  auto render = [state](std::vector<FieldError> shown, int status) {
    state->respond(render_article_form(state->app, state->request, state->session,
                                       form_from_article(*state->existing), state->existing, shown,
                                       "", status));
  };
  if (!errors.empty()) return render(std::move(errors), 422);
  std::string filename = file->filename->empty() ? "file" : *file->filename;
  auto bytes = std::make_shared<std::string>(file->body);
  form.reset();
  bool queued = run_off_io_thread(state->app, [state, bytes, title, filename, render] {
    auto stored = store_attachment_upload(state->app, *bytes);
    if (auto* refusal = std::get_if<std::string>(&stored)) {
      return render({{"attachment_file", core::translate(state->lang, *refusal)}}, 422);
    }
    auto media = std::get<content::StoredMedia>(stored);
    write_content(
        state->app,
        [state, media, title, filename](store::Connection& db) {
          const auto now = core::Clock::now();
          auto id = content::add_attachment(db, *state->id, title, filename, media, now);
          boost::json::object details;
          details["attachment_id"] = id;
          details["title"] = title;
          details["filename"] = filename;
          details["sha256"] = media.sha256;
          details["content_type"] = media.content_type;
          accounts::record_audit(db, state->session.account.id, "article.attachment_add", "article",
                                 *state->id, state->existing->fields.title,
                                 boost::json::serialize(details), now);
        },
        [state](store::WriteOutcome outcome) {
          if (!outcome.ok) {
            spdlog::error("admin: adding an attachment failed: {}", outcome.message);
            return respond_error(*state, 503);
          }
          state->respond(
              http::Response::redirect(303, "/admin/artykuly/" + std::to_string(*state->id) +
                                                "?zapisano=zalacznik#attachments-title"));
        });
  });
  if (!queued) respond_error(*state, 503);
}

void article_attachment_remove(App& app, http::Request& request, const Session& session,
                               http::Responder respond) {
  std::string body;
  auto state =
      start_post<content::EditableArticle>(app, request, session, std::move(respond), body);
  if (!load_existing(*state, content::load_article)) return;
  auto file_id = id_param(state->request, "file");
  if (!file_id) return respond_error(*state, 404);
  write_content(
      state->app,
      // False: another article's attachment, or already gone (404).
      [state, file_id](store::Connection& db) {
        const auto now = core::Clock::now();
        if (!content::remove_attachment(db, *state->id, *file_id, now)) return false;
        boost::json::object details;
        details["attachment_id"] = *file_id;
        accounts::record_audit(db, state->session.account.id, "article.attachment_remove",
                               "article", *state->id, state->existing->fields.title,
                               boost::json::serialize(details), now);
        return true;
      },
      [state](store::Result<bool> removed) {
        if (!removed) {
          spdlog::error("admin: removing an attachment failed: {}", removed.failure().message);
          return respond_error(*state, 503);
        }
        if (!*removed) return respond_error(*state, 404);
        state->respond(http::Response::redirect(303, "/admin/artykuly/" +
                                                         std::to_string(*state->id) +
                                                         "?zapisano=usunieto#attachments-title"));
      });
}

}  // namespace rynek::web::admin
