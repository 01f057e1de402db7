// Article editing in the back office (editors and admins):
//
//   GET  /admin/artykuly                         list with status and search (?q=)
//   GET  /admin/artykuly/nowy                    empty form
//   POST /admin/artykuly/nowy                    create (multipart: fields + hero image)
//   GET  /admin/artykuly/{id}                    form with the saved values
//   POST /admin/artykuly/{id}                    save / publish / unpublish / preview ("action"
//   field;
//                                                "preview" renders the unsaved text, stores
//                                                nothing)
//   POST /admin/artykuly/{id}/zalaczniki         add an attachment (multipart)
//   POST /admin/artykuly/{id}/zalaczniki/{file}/usun   remove an attachment
//   GET  /admin/artykuly/{id}/podglad            the public page with the saved data, any status
//   GET  /admin/artykuly/{id}/usun               "delete the draft?" (drafts only;
//   articles_delete.hpp) POST /admin/artykuly/{id}/usun               delete the draft (csrf,
//   revision)
//
// Forms are multipart/form-data because of the files; every POST carries the
// session's CSRF token (checked by admin::guard). Each change bumps the content
// version and writes an audit entry in the same write job.
#pragma once

#include <vector>

#include "http/router.hpp"
#include "web/admin/access.hpp"
#include "web/app.hpp"

namespace rynek::web::admin {

std::vector<http::Route> article_routes(App& app);

// The handlers, for in-process tests (the routes wrap them in guard / guard_async).
http::Response articles_list(App& app, http::Request& request, const Session& session);
http::Response article_new_form(App& app, http::Request& request, const Session& session);
http::Response article_edit_form(App& app, http::Request& request, const Session& session);
http::Response article_preview(App& app, http::Request& request, const Session& session);
void article_save(App& app, http::Request& request, const Session& session,
                  http::Responder respond);
void article_attachment_add(App& app, http::Request& request, const Session& session,
                            http::Responder respond);
http::Response article_delete_form(App& app, http::Request& request, const Session& session);
void article_delete(App& app, http::Request& request, const Session& session,
                    http::Responder respond);
void article_attachment_remove(App& app, http::Request& request, const Session& session,
                               http::Responder respond);

}  // namespace rynek::web::admin
