// Seminar pages of the back office that only read (see seminars_edit.hpp for
// the routes); the POST handlers are in seminars_save.cpp.
#include "web/admin/seminars_edit.hpp"


#include "core/i18n.hpp"
#include "events/registration.hpp"
#include "events/seminar_editing.hpp"
#include "web/admin/post_state.hpp"
#include "web/admin/seminars_form.hpp"
#include "web/admin/uploads.hpp"
#include "web/broadcast.hpp"
#include "web/page.hpp"
#include "web/site_settings.hpp"
#include "web/seminar_view.hpp"

namespace rynek::web::admin {
namespace {

http::Response not_found(App& app, const http::Request& request) {
  auto response = render_error(app, 404, &request);
  mark_admin(response);
  return response;
}

// What ?zapisano=... after a redirect says.
std::string saved_notice(const std::string& lang, const std::string& saved) {
  if (saved == "material") return core::translate(lang, "The material was added.");
  if (saved == "usunieto") return core::translate(lang, "The material was removed.");
  if (saved == "wersje") {
    // One literal: the catalog test reads message ids from the sources.
    return core::translate(lang, "The seminar was saved. Some texts of consents or of the information clause changed, so they got new versions: every registration keeps pointing to the text its person saw.");
  }
  return core::translate(lang, "The seminar was saved.");
}

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
  if (!id) return not_found(app, request);
  auto seminar = app.db.read([&](store::Connection& db) { return events::load_seminar_for_editing(db, *id); });
  if (!seminar) return not_found(app, request);
  SeminarFormExtras extras;
  if (auto saved = request.query_param("zapisano")) {
    extras.notice = saved_notice(request_language(app, request), std::string(*saved));
  }
  // Speakers the form cannot show faithfully are marked at once, not at the save.
  auto errors = stored_speaker_errors(request_language(app, request), *seminar);
  return render_seminar_form(app, request, session, form_from_seminar(*seminar), seminar, errors, extras);
}

http::Response seminar_preview(App& app, http::Request& request, const Session& session) {
  auto id = id_param(request);
  if (!id) return not_found(app, request);
  auto found = app.db.read([&](store::Connection& db) {
    auto seminar = events::seminar_for_preview(db, *id);
    events::SeminarCounts counts;
    if (seminar) counts = events::count_registrations(db, *id);
    return std::pair(std::move(seminar), counts);
  });
  auto& [seminar, counts] = found;
  if (!seminar) return not_found(app, request);
  const auto lang = request_language(app, request);
  const auto now = core::Clock::now();
  // The same context as the public page (web/seminars.cpp), from data of any status.
  view::Value context = seminar_value(lang, *seminar, MaterialsShown::public_only);
  auto window = registration_window(*seminar, now);
  bool full = seminar->capacity && counts.registered >= *seminar->capacity;
  context["registration_open"] = window == RegistrationWindow::open;
  context["registration_not_yet"] = window == RegistrationWindow::not_yet;
  context["registration_closed"] = window == RegistrationWindow::closed;
  context["opens_at"] = core::format_datetime(lang, seminar->registration_opens_at.value_or(seminar->published_at)) +
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

std::vector<http::Route> seminar_edit_routes(App& app) {
  using http::Method;
  std::vector<http::Route> routes;
  auto add = [&](Method method, std::string pattern, std::string name, auto handler, std::size_t limit = 0) {
    http::Route route;
    route.method = method;
    route.pattern = std::move(pattern);
    route.name = std::move(name);
    route.handler = handler;
    route.body_limit = limit;
    route.csrf = method == Method::post ? http::Csrf::required : http::Csrf::not_needed;
    routes.push_back(std::move(route));
  };
  add(Method::get, "/admin/seminaria/nowy", "admin.seminar.new", guard(app, Access::editors, seminar_new_form));
  add(Method::post, "/admin/seminaria/nowy", "admin.seminar.create", guard_async(app, Access::editors, seminar_save),
      kImageFormBodyLimit);
  add(Method::get, "/admin/seminaria/{id}/edycja", "admin.seminar.edit",
      guard(app, Access::editors, seminar_edit_form));
  add(Method::post, "/admin/seminaria/{id}/edycja", "admin.seminar.save",
      guard_async(app, Access::editors, seminar_save), kImageFormBodyLimit);
  add(Method::get, "/admin/seminaria/{id}/podglad", "admin.seminar.preview",
      guard(app, Access::editors, seminar_preview));
  add(Method::post, "/admin/seminaria/{id}/materialy", "admin.seminar.material.add",
      guard_async(app, Access::editors, seminar_material_add), kAttachmentFormBodyLimit);
  add(Method::post, "/admin/seminaria/{id}/materialy/{file}/usun", "admin.seminar.material.remove",
      guard_async(app, Access::editors, seminar_material_remove), 16 * 1024);
  return routes;
}

}  // namespace rynek::web::admin
