// Saving articles and their attachments (POST handlers of articles.hpp).
//
// Each POST is handled in three steps: parse and validate on the I/O thread
// (cheap); check and store uploaded files on the shared slow-work pool (image
// decoding, fsync); then one write job that records the media rows, changes the
// article, and writes the audit entry, so all of it commits or none does. The
// answer is sent when the job is durable. Files of a job that then fails stay on
// disk unreferenced: they are content-addressed, so a retry reuses them.
#include <boost/json.hpp>

#include <charconv>

#include "accounts/audit.hpp"
#include "content/article.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "web/admin/articles.hpp"
#include "web/admin/articles_form.hpp"
#include "web/admin/uploads.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
namespace {

struct PostState {
  App& app;
  http::Request request;  // without its body
  Session session;
  http::Responder respond;
  std::string lang;
  std::optional<std::int64_t> id;
  std::optional<content::EditableArticle> existing;
};

std::optional<std::int64_t> parse_id(const std::map<std::string, std::string>& params, const char* name) {
  auto it = params.find(name);
  if (it == params.end()) return std::nullopt;
  std::int64_t id = 0;
  auto [end, error] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), id);
  if (error != std::errc() || end != it->second.data() + it->second.size() || id <= 0) return std::nullopt;
  return id;
}

// Takes the body out of the request (it can be megabytes) and keeps the rest.
std::shared_ptr<PostState> start(App& app, http::Request& request, const Session& session,
                                 http::Responder respond, std::string& body) {
  body = std::move(request.body);
  request.body.clear();
  auto lang = request_language(app, request);
  return std::make_shared<PostState>(PostState{app, request, session, std::move(respond), lang, {}, {}});
}

void respond_error(PostState& state, int status) {
  state.respond(render_error(state.app, status, &state.request));
}

// The article, when the route has an id; false (and a 404 sent) when it names none.
bool load_existing(PostState& state) {
  state.id = parse_id(state.request.params, "id");
  if (!state.id) {
    if (state.request.params.count("id") == 0) return true;  // a new article
    respond_error(state, 404);
    return false;
  }
  state.existing = state.app.db.read([&](store::Connection& db) { return content::load_article(db, *state.id); });
  if (!state.existing) respond_error(state, 404);
  return state.existing.has_value();
}

std::optional<http::Multipart> parse_body(PostState& state, std::string_view body) {
  auto parsed = http::parse_multipart(state.request.header("Content-Type"), body);
  if (auto* error = std::get_if<http::MultipartError>(&parsed)) {
    spdlog::info("admin: bad multipart body on {}: {}", state.request.path, http::multipart_error_name(*error));
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

struct ArticleSave {
  std::shared_ptr<PostState> state;
  ArticleFormInput input;
  content::ArticleFields fields;
  std::optional<StoredImage> image;
};

void render_with_errors(const ArticleSave& save, std::vector<FieldError> errors, int status) {
  auto& state = *save.state;
  state.respond(render_article_form(state.app, state.request, state.session, save.input, state.existing, errors, "",
                                    status));
}

void write_article(std::shared_ptr<ArticleSave> save) {
  auto& state = *save->state;
  auto created_id = std::make_shared<std::int64_t>(state.id.value_or(0));
  // The content version after this write: handed to the page cache at once, so a
  // public page never shows an unpublished article (the poller alone lags a second).
  auto version = std::make_shared<std::int64_t>(0);
  auto job = [save, created_id, version](store::Connection& db) {
    auto& st = *save->state;
    const auto now = core::Clock::now();
    auto fields = save->fields;
    if (save->image) {
      content::record_media(db, save->image->original);
      content::record_variants(db, save->image->original.sha256, save->image->variants);
      fields.hero_sha256 = save->image->original.sha256;
    }
    const auto& action = save->input.action;
    boost::json::object details;
    std::string audit_action;
    if (!st.existing) {
      auto status = action == "publish" ? content::ArticleStatus::published : content::ArticleStatus::draft;
      *created_id = content::create_article(db, fields, status, now);
      details["title"] = fields.title;
      details["slug"] = fields.slug;
      details["status"] = std::string(content::status_name(status));
      audit_action = "article.create";
    } else {
      merge_into(details, content::update_article(db, *st.id, fields, now).value_or(""));
      audit_action = "article.update";
      if (action == "publish" || action == "unpublish") {
        auto status = action == "publish" ? content::ArticleStatus::published : content::ArticleStatus::unpublished;
        merge_into(details, content::set_article_status(db, *st.id, status, std::nullopt, now).value_or(""));
        audit_action = "article." + action;
      }
    }
    if (!details.empty()) {
      accounts::record_audit(db, st.session.account.id, audit_action, "article", *created_id, fields.title,
                             boost::json::serialize(details), now);
    }
    *version = content::content_version(db);
  };
  auto done = [save, created_id, version](store::WriteOutcome outcome) {
    auto& st = *save->state;
    if (outcome.ok) {
      st.app.cache.set_version(*version);
      st.respond(http::Response::redirect(303, "/admin/artykuly/" + std::to_string(*created_id) + "?zapisano=1"));
    } else if (outcome.error == store::DbErrc::unique_violation) {
      render_with_errors(*save, {{"slug", core::translate(st.lang, "Another article already has this address.")}},
                         409);
    } else {
      spdlog::error("admin: saving article failed: {}", outcome.message);
      respond_error(st, 503);
    }
  };
  state.app.db.write(std::move(job), std::move(done));
}

}  // namespace

void article_save(App& app, http::Request& request, const Session& session, http::Responder respond) {
  std::string body;
  auto state = start(app, request, session, std::move(respond), body);
  if (!load_existing(*state)) return;
  auto form = parse_body(*state, body);
  if (!form) return;
  auto save = std::make_shared<ArticleSave>(ArticleSave{state, read_article_form(*form), {}, {}});
  form.reset();
  const auto& action = save->input.action;
  if (action != "save" && action != "publish" && !(action == "unpublish" && state->existing)) {
    return respond_error(*state, 400);
  }
  const auto now = core::Clock::now();
  auto errors = validate_article_form(state->lang, save->input, state->existing, now, save->fields);
  if (action == "publish" && save->input.published_at.empty()) save->fields.published_at = now;
  if (!errors.empty()) return render_with_errors(*save, std::move(errors), 422);
  if (save->input.hero_bytes.empty()) return write_article(save);
  bool queued = run_off_io_thread([save] {
    auto stored = store_image_upload(save->state->app, save->input.hero_bytes);
    save->input.hero_bytes.clear();
    if (auto* refusal = std::get_if<std::string>(&stored)) {
      return render_with_errors(*save, {{"hero", core::translate(save->state->lang, *refusal)}}, 422);
    }
    save->image = std::get<StoredImage>(std::move(stored));
    write_article(save);
  });
  if (!queued) respond_error(*state, 503);
}

void article_attachment_add(App& app, http::Request& request, const Session& session, http::Responder respond) {
  std::string body;
  auto state = start(app, request, session, std::move(respond), body);
  if (!load_existing(*state)) return;
  auto form = parse_body(*state, body);
  if (!form) return;
  const auto* title_part = form->find("title");
  auto title = std::string(core::trim(title_part && !title_part->filename ? title_part->body : ""));
  const auto* file = form->find("file");
  std::vector<FieldError> errors;
  if (title.empty() || title.size() > 200) {
    errors.push_back({"attachment_title", core::translate(state->lang, "Enter the attachment's title (at most 200 characters).")});
  }
  if (!file || !file->filename || file->body.empty()) {
    errors.push_back({"attachment_file", core::translate(state->lang, "Choose a file.")});
  }
  auto render = [state](std::vector<FieldError> shown, int status) {
    state->respond(render_article_form(state->app, state->request, state->session, form_from_article(*state->existing),
                                       state->existing, shown, "", status));
  };
  if (!errors.empty()) return render(std::move(errors), 422);
  std::string filename = file->filename->empty() ? "file" : *file->filename;
  auto bytes = std::make_shared<std::string>(file->body);
  form.reset();
  bool queued = run_off_io_thread([state, bytes, title, filename, render] {
    auto stored = store_attachment_upload(state->app, *bytes);
    if (auto* refusal = std::get_if<std::string>(&stored)) {
      return render({{"attachment_file", core::translate(state->lang, *refusal)}}, 422);
    }
    auto media = std::get<content::StoredMedia>(stored);
    state->app.db.write(
        [state, media, title, filename](store::Connection& db) {
          const auto now = core::Clock::now();
          auto id = content::add_attachment(db, *state->id, title, filename, media, now);
          boost::json::object details;
          details["attachment_id"] = id;
          details["title"] = title;
          details["filename"] = filename;
          details["sha256"] = media.sha256;
          details["content_type"] = media.content_type;
          accounts::record_audit(db, state->session.account.id, "article.attachment_add", "article", *state->id,
                                 state->existing->fields.title, boost::json::serialize(details), now);
        },
        [state](store::WriteOutcome outcome) {
          if (!outcome.ok) {
            spdlog::error("admin: adding an attachment failed: {}", outcome.message);
            return respond_error(*state, 503);
          }
          state->respond(http::Response::redirect(303, "/admin/artykuly/" + std::to_string(*state->id) +
                                                           "?zapisano=zalacznik#attachments-title"));
        });
  });
  if (!queued) respond_error(*state, 503);
}

void article_attachment_remove(App& app, http::Request& request, const Session& session,
                               http::Responder respond) {
  std::string body;
  auto state = start(app, request, session, std::move(respond), body);
  if (!load_existing(*state)) return;
  auto file_id = parse_id(state->request.params, "file");
  if (!file_id) return respond_error(*state, 404);
  auto removed = std::make_shared<bool>(false);
  state->app.db.write(
      [state, file_id, removed](store::Connection& db) {
        const auto now = core::Clock::now();
        *removed = content::remove_attachment(db, *state->id, *file_id, now);
        if (!*removed) return;
        boost::json::object details;
        details["attachment_id"] = *file_id;
        accounts::record_audit(db, state->session.account.id, "article.attachment_remove", "article", *state->id,
                               state->existing->fields.title, boost::json::serialize(details), now);
      },
      [state, removed](store::WriteOutcome outcome) {
        if (!outcome.ok) {
          spdlog::error("admin: removing an attachment failed: {}", outcome.message);
          return respond_error(*state, 503);
        }
        if (!*removed) return respond_error(*state, 404);  // another article's attachment, or gone
        state->respond(http::Response::redirect(303, "/admin/artykuly/" + std::to_string(*state->id) +
                                                         "?zapisano=usunieto#attachments-title"));
      });
}

}  // namespace rynek::web::admin
