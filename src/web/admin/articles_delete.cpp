// The confirmation page and the POST that delete a draft (articles_delete.hpp).
#include "web/admin/articles_delete.hpp"

#include <boost/json.hpp>
#include <memory>

#include "accounts/audit.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "web/admin/form_view.hpp"
#include "web/admin/post_state.hpp"
#include "web/content_write.hpp"
#include "web/forms.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
namespace {

// Why the record may not be deleted; nullopt when it may.
std::optional<content::DraftDeletion> refusal_for(const DraftSummary& draft) {
  if (draft.status != content::ArticleStatus::draft) return content::DraftDeletion::not_draft;
  if (draft.has_registrations) return content::DraftDeletion::has_registrations;
  return std::nullopt;
}

std::string refusal_message(const std::string& lang, content::DraftDeletion refusal) {
  if (refusal == content::DraftDeletion::has_registrations) {
    return core::translate(lang,
                           "People have registered for this seminar, so it cannot be deleted.");
  }
  return core::translate(
      lang,
      "Only a draft can be deleted. What has been published, scheduled or taken down keeps its record, so that links and its history stay; to take it off the site, unpublish it.");
}

http::Response render_page(const App& app, const http::Request& request, const Session& session,
                           const DraftKind& kind, std::int64_t id, const DraftSummary& draft,
                           content::RevisionCheck conflict, int status) {
  const auto lang = request_language(app, request);
  const std::string base = std::string(kind.list_path) + "/" + std::to_string(id);
  view::Value context;
  context["title"] = draft.title;
  context["list_url"] = std::string(kind.list_path);
  context["list_label"] = core::translate(lang, kind.list_label);
  context["edit_url"] = base + kind.edit_suffix;
  context["action"] = base + "/usun";
  context["revision"] = std::to_string(draft.revision);
  auto question = core::translate(lang, "Delete the draft “%1%”? This cannot be undone.");
  if (auto at = question.find("%1%"); at != std::string::npos) question.replace(at, 3, draft.title);
  context["question"] = question;
  if (auto refusal = refusal_for(draft)) {
    context["refusal"] = refusal_message(lang, *refusal);
  } else {
    context["can_delete"] = true;
  }
  add_conflict(context, conflict);
  return render_admin_page(app, request, session, "admin/articles/delete", std::move(context),
                           core::translate(lang, "Delete the draft") + ": " + draft.title, status);
}

// The write job's findings, read by the answer.
struct Deletion {
  std::string revision;               // as the form sent it; the stored one after a conflict
  std::optional<DraftSummary> draft;  // as read in the job; empty: no such record
  content::RevisionCheck conflict = content::RevisionCheck::current;
  bool deleted = false;
};

}  // namespace

std::string draft_deleted_notice(const std::string& lang, const http::Request& list_request) {
  if (!list_request.query_param("usunieto")) return "";
  return core::translate(lang, "The draft was deleted.");
}

http::Response draft_delete_form(App& app, http::Request& request, const Session& session,
                                 const DraftKind& kind) {
  auto id = id_param(request);
  if (!id) return render_error(app, 404, &request);
  auto draft = app.db.read([&](store::Connection& db) { return kind.load(db, *id); });
  if (!draft) return render_error(app, 404, &request);
  // A record that may not be deleted gets the page with the reason and no form:
  // 409, as its POST would answer.
  return render_page(app, request, session, kind, *id, *draft, content::RevisionCheck::current,
                     refusal_for(*draft) ? 409 : 200);
}

void draft_delete(App& app, http::Request& request, const Session& session, http::Responder respond,
                  const DraftKind& kind) {
  auto id = id_param(request);
  if (!id) return respond(render_error(app, 404, &request));
  auto state = std::make_shared<Deletion>();
  // A body that is not a url-encoded form sends no revision: "unknown", a 409.
  if (auto form = http::decode_form(request.body))
    state->revision = std::string(core::trim(form_value(*form, "revision")));
  request.body.clear();  // read; the answer needs only the request's head
  const auto account_id = session.account.id;
  write_content(
      app,
      [state, &kind, id = *id, account_id](store::Connection& db) {
        state->draft = kind.load(db, id);
        if (!state->draft || refusal_for(*state->draft)) return;
        state->conflict = check_form_revision(state->revision, state->draft->revision);
        if (state->conflict != content::RevisionCheck::current) return;
        // delete_draft_* check the status (and registrations) again themselves.
        if (kind.remove(db, id) != content::DraftDeletion::deleted) return;
        state->deleted = true;
        const auto now = core::Clock::now();
        boost::json::object details;
        details["title"] = state->draft->title;
        details["slug"] = state->draft->slug;
        accounts::record_audit(db, account_id, std::string(kind.object_type) + ".delete",
                               kind.object_type, id, state->draft->title,
                               boost::json::serialize(details), now);
      },
      [&app, request, session, respond = std::move(respond), state, &kind,
       id = *id](store::WriteOutcome outcome) {
        if (!outcome.ok) {
          spdlog::error("admin: deleting {} {} failed: {}", kind.object_type, id, outcome.message);
          return respond(render_error(app, 503, &request));
        }
        if (!state->draft) return respond(render_error(app, 404, &request));
        if (state->deleted) {
          return respond(
              http::Response::redirect(303, std::string(kind.list_path) + "?usunieto=1"));
        }
        // Refused, or the revision was not current: the page again, with the
        // reason, the record as it is now and (after a conflict) its revision.
        respond(render_page(app, request, session, kind, id, *state->draft, state->conflict, 409));
      });
}

}  // namespace rynek::web::admin
