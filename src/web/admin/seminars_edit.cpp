// Seminar pages of the back office that only read (see seminars_edit.hpp for
// the routes); the POST handlers are in seminars_save.cpp.
#include "web/admin/seminars_edit.hpp"

#include "core/i18n.hpp"
#include "events/registration.hpp"
#include "events/seminar_editing.hpp"
#include "web/admin/articles_delete.hpp"
#include "web/admin/post_state.hpp"
#include "web/admin/seminars_form.hpp"
#include "web/admin/uploads.hpp"
#include "web/broadcast.hpp"
#include "web/page.hpp"
#include "web/seminar_view.hpp"
#include "web/site_settings.hpp"

namespace rynek::web::admin {
namespace {

// What ?zapisano=... after a redirect says.
std::string saved_notice(const std::string& lang, const std::string& saved) {
  if (saved == "material") return core::translate(lang, "The material was added.");
  if (saved == "usunieto") return core::translate(lang, "The material was removed.");
  if (saved == "wersje") {
    // One literal: the catalog test reads message ids from the sources.
    return core::translate(
        lang,
        "The seminar was saved. Some texts of consents or of the information clause changed, so they got new versions: every registration keeps pointing to the text its person saw.");
  }
  if (saved == "opublikowano") return core::translate(lang, "The seminar was published.");
  if (saved == "wycofano") return core::translate(lang, "The seminar was unpublished.");
  return core::translate(lang, "The seminar was saved.");
}

std::optional<DraftSummary> load_draft(store::Connection& db, std::int64_t id) {
  auto seminar = events::load_seminar_for_editing(db, id);
  if (!seminar) return std::nullopt;
  return DraftSummary{seminar->seminar.title, seminar->seminar.slug, seminar->status,
                      seminar->revision, seminar->has_registrations};
}

constexpr DraftKind kSeminarDrafts{"seminar", "/admin/seminaria", "Seminars",
                                   "/edycja", load_draft,         events::delete_draft_seminar};

}  // namespace

http::Response seminar_new_form(App& app, http::Request& request, const Session& session) {
  // A new seminar starts from the association's defaults (admins set them in
  // /admin/ustawienia): the information clause and the organisers' contact.
  SeminarFormInput input;
  const auto settings = site_settings(app);
  input.privacy_text = settings->privacy_clause_md;
  input.privacy_version = settings->privacy_clause_version;
  input.contact_email = settings->seminar_contact_email.empty() ? settings->contact_email
                                                                : settings->seminar_contact_email;
  return render_seminar_form(app, request, session, input, std::nullopt, {}, {});
}

http::Response seminar_edit_form(App& app, http::Request& request, const Session& session) {
  auto id = id_param(request);
  if (!id) return render_error(app, 404, &request);
  auto seminar =
      app.db.read([&](store::Connection& db) { return events::load_seminar_for_editing(db, *id); });
  if (!seminar) return render_error(app, 404, &request);
  SeminarFormExtras extras;
  if (auto saved = request.query_param("zapisano")) {
    extras.notice = saved_notice(request_language(app, request), std::string(*saved));
  }
  // Speakers the form cannot show faithfully are marked at once, not at the save.
  auto errors = stored_speaker_errors(request_language(app, request), *seminar);
  return render_seminar_form(app, request, session, form_from_seminar(*seminar), seminar, errors,
                             extras);
}

http::Response seminar_preview(App& app, http::Request& request, const Session& session) {
  auto id = id_param(request);
  if (!id) return render_error(app, 404, &request);
  auto found = app.db.read([&](store::Connection& db) {
    auto seminar = events::seminar_for_preview(db, *id);
    events::SeminarCounts counts;
    if (seminar) counts = events::count_registrations(db, *id);
    return std::pair(std::move(seminar), counts);
  });
  auto& [seminar, counts] = found;
  if (!seminar) return render_error(app, 404, &request);
  const auto lang = request_language(app, request);
  const auto now = core::Clock::now();
  // The same context as the public page (web/seminars.cpp), from data of any status.
  view::Value context = seminar_value(lang, *seminar, MaterialsShown::public_only);
  auto window = registration_window(*seminar, now);
  bool full = seminar->capacity && counts.registered >= *seminar->capacity;
  context["registration_open"] = window == RegistrationWindow::open;
  context["registration_not_yet"] = window == RegistrationWindow::not_yet;
  context["registration_closed"] = window == RegistrationWindow::closed;
  context["opens_at"] =
      core::format_datetime(lang, seminar->registration_opens_at.value_or(seminar->published_at)) +
      " (" + core::translate(lang, "Warsaw time") + ")";
  context["is_full"] = full;
  context["requires_approval"] = seminar->requires_approval;
  if (seminar->capacity && !full) {
    context["places_left"] = core::translate_plural(lang, "%1% place left", "%1% places left",
                                                    *seminar->capacity - counts.registered);
  }
  context["is_past"] = now >= seminar->ends_at;
  if (seminar->broadcast_visibility == events::BroadcastVisibility::everyone) {
    context["broadcast"] = broadcast_value(lang, seminar->broadcast_url, seminar->title);
    if (now >= seminar->ends_at && !seminar->recording_url.empty()) {
      context["recording"] = broadcast_value(lang, seminar->recording_url, seminar->title);
    }
  } else if (!seminar->broadcast_url.empty()) {
    context["broadcast_for_participants"] = true;
  }
  context["edit_url"] = "/admin/seminaria/" + std::to_string(*id) + "/edycja";
  return render_admin_page(app, request, session, "admin/seminars/preview", std::move(context),
                           core::translate(lang, "Preview") + ": " + seminar->title);
}

http::Response seminar_delete_form(App& app, http::Request& request, const Session& session) {
  return draft_delete_form(app, request, session, kSeminarDrafts);
}

void seminar_delete(App& app, http::Request& request, const Session& session,
                    http::Responder respond) {
  draft_delete(app, request, session, std::move(respond), kSeminarDrafts);
}

std::vector<http::Route> seminar_edit_routes(App& app) {
  constexpr auto kEditors = Access::editors;
  return {
      admin_get(app, kEditors, "/admin/seminaria/nowy", "admin.seminar.new", seminar_new_form),
      admin_post(app, kEditors, "/admin/seminaria/nowy", "admin.seminar.create", seminar_save,
                 kImageFormBodyLimit),
      admin_get(app, kEditors, "/admin/seminaria/{id}/edycja", "admin.seminar.edit",
                seminar_edit_form),
      admin_post(app, kEditors, "/admin/seminaria/{id}/edycja", "admin.seminar.save", seminar_save,
                 kImageFormBodyLimit),
      admin_get(app, kEditors, "/admin/seminaria/{id}/podglad", "admin.seminar.preview",
                seminar_preview),
      admin_get(app, kEditors, "/admin/seminaria/{id}/usun", "admin.seminar.delete.form",
                seminar_delete_form),
      admin_post(app, kEditors, "/admin/seminaria/{id}/usun", "admin.seminar.delete",
                 seminar_delete, kSmallFormBodyLimit),
      admin_post(app, kEditors, "/admin/seminaria/{id}/materialy", "admin.seminar.material.add",
                 seminar_material_add, kAttachmentFormBodyLimit),
      admin_post(app, kEditors, "/admin/seminaria/{id}/materialy/{file}/usun",
                 "admin.seminar.material.remove", seminar_material_remove, kSmallFormBodyLimit),
  };
}

}  // namespace rynek::web::admin
