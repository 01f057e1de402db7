// The back office's registration pages for one seminar: counts and a filtered
// list with the organiser's actions, exports (exports.hpp), messages
// (messages.hpp) and the attendance report (attendance_chart.hpp).
//
// Every handler first resolves the seminar through managed_seminar(): a
// seminar that does not exist, or one an organiser is not assigned to, is a
// 404 alike, so changing the id in the URL reveals nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "events/admin_queries.hpp"
#include "events/seminar.hpp"
#include "http/router.hpp"
#include "web/admin/access.hpp"

namespace rynek::web::admin {

std::vector<http::Route> registration_routes(App& app);

// The seminar named by the route's {id}, if this account may manage it.
std::optional<events::Seminar> managed_seminar(App& app, const http::Request& request,
                                               const Session& session);

// The list's filters from the query (?q=&state=&confirmed=yes|no); unknown values are ignored.
events::RegistrationFilter filter_from_query(const http::Request& request);
// The same filters as a query string ("q=anna&state=registered"), "" when none.
std::string filter_query(const events::RegistrationFilter& filter);

// Handlers (also reachable from in-process tests).
http::Response registrations_page(App& app, http::Request& request, const Session& session);
void registration_action(App& app, http::Request& request, const Session& session,
                         http::Responder respond);

}  // namespace rynek::web::admin
