// Seminar editing in the back office (editors and admins; organisers keep only
// the registration pages of their seminars):
//
//   GET  /admin/seminaria/nowy                       empty form
//   POST /admin/seminaria/nowy                       create (multipart: fields + hero image)
//   GET  /admin/seminaria/{id}/edycja                form with the saved values
//   POST /admin/seminaria/{id}/edycja                save / publish / unpublish / preview /
//   more_rows GET  /admin/seminaria/{id}/podglad               the public page from the saved data,
//   any status GET  /admin/seminaria/{id}/usun                  "delete the draft?" (drafts without
//   registrations;
//                                                    admin/articles_delete.hpp)
//   POST /admin/seminaria/{id}/usun                  delete the draft (csrf, revision)
//   POST /admin/seminaria/{id}/materialy             add a material (multipart: title, audience,
//   file) POST /admin/seminaria/{id}/materialy/{file}/usun remove a material
//
// As for articles (admin/articles.hpp): every POST carries the session's CSRF
// token (admin::guard); every change writes an audit entry in the same write
// job, through web::write_content so the public page cache sees it at once.
#pragma once

#include <vector>

#include "http/router.hpp"
#include "web/admin/access.hpp"
#include "web/app.hpp"

namespace rynek::web::admin {

std::vector<http::Route> seminar_edit_routes(App& app);

// The handlers, for in-process tests (the routes wrap them in guard / guard_async).
http::Response seminar_new_form(App& app, http::Request& request, const Session& session);
http::Response seminar_edit_form(App& app, http::Request& request, const Session& session);
http::Response seminar_preview(App& app, http::Request& request, const Session& session);
void seminar_save(App& app, http::Request& request, const Session& session,
                  http::Responder respond);
void seminar_material_add(App& app, http::Request& request, const Session& session,
                          http::Responder respond);
http::Response seminar_delete_form(App& app, http::Request& request, const Session& session);
void seminar_delete(App& app, http::Request& request, const Session& session,
                    http::Responder respond);
void seminar_material_remove(App& app, http::Request& request, const Session& session,
                             http::Responder respond);

}  // namespace rynek::web::admin
