// The account pages of the back office: login, logout, password reset, the
// dashboard, user management and the audit log. account_routes() lists them
// all, each behind admin::guard / guard_async (except the anonymous ones:
// login and password reset).
//
//   GET  /admin                              dashboard                any account
//   GET  /admin/logowanie  POST              login form / submit      anonymous
//   POST /admin/wyloguj                      logout                   any account
//   GET  /admin/haslo      POST              request a reset link     anonymous
//   GET  /admin/haslo/{token}  POST          set a new password       anonymous, the token
//   GET  /admin/uzytkownicy  POST            list / create            admins
//   GET  /admin/uzytkownicy/{id}             one account              admins
//   POST /admin/uzytkownicy/{id}/rola        change the role          admins
//   POST /admin/uzytkownicy/{id}/aktywnosc   deactivate / reactivate  admins
//   POST /admin/uzytkownicy/{id}/seminaria   assign seminars          admins
//   POST /admin/uzytkownicy/{id}/zaproszenie send a set-password link admins
//   GET  /admin/dziennik                     audit log                admins
#pragma once

#include <vector>

#include "http/router.hpp"
#include "web/admin/access.hpp"
#include "web/app.hpp"

namespace rynek::web::admin {

std::vector<http::Route> account_routes(App& app);

// Handlers (account_login.cpp, account_password.cpp, account_users.cpp, account_pages.cpp).
http::Response login_form(App& app, http::Request& request);
void login_submit(App& app, http::Request& request, http::Responder respond);
void logout_submit(App& app, http::Request& request, const Session& session,
                   http::Responder respond);

http::Response password_request_form(App& app, http::Request& request);
void password_request_submit(App& app, http::Request& request, http::Responder respond);
http::Response password_set_form(App& app, http::Request& request);
void password_set_submit(App& app, http::Request& request, http::Responder respond);

http::Response dashboard(App& app, http::Request& request, const Session& session);
http::Response audit_page(App& app, http::Request& request, const Session& session);

http::Response users_page(App& app, http::Request& request, const Session& session);
void user_create(App& app, http::Request& request, const Session& session, http::Responder respond);
http::Response user_page(App& app, http::Request& request, const Session& session);
void user_change(App& app, http::Request& request, const Session& session, http::Responder respond);

}  // namespace rynek::web::admin
