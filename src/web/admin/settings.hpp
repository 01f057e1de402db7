// The admins' settings page (content/settings.hpp holds the settings,
// web/site_settings.hpp the cached copy pages and e-mails read).
//
//   GET  /admin/ustawienia   the form          admins
//   POST /admin/ustawienia   save              admins
//
// A save is one write job through write_content: the new settings, the content
// version bump and the audit entry commit together, and the page cache (and so
// the settings cache, keyed by the same version) knows the new version before
// the admin is redirected — the next page anyone opens shows the change.
#pragma once

#include <vector>

#include "http/router.hpp"
#include "web/app.hpp"
#include "web/site_settings.hpp"

namespace rynek::web::admin {

std::vector<http::Route> settings_routes(App& app);

}  // namespace rynek::web::admin
