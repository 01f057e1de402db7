// /admin/seminaria: the seminars a back-office user works with (organisers: those
// assigned to them; editors and admins: all), with registration counts and links
// to each seminar's registrations, messages and attendance.
#pragma once

#include <vector>

#include "http/router.hpp"
#include "web/app.hpp"

namespace rynek::web::admin {

std::vector<http::Route> seminar_list_routes(App& app);

}  // namespace rynek::web::admin
