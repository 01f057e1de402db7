// Site settings (content/settings.hpp) in the web layer: the copy every page
// and e-mail reads, cached per application and content version. A settings
// save bumps the content version (through write_content), so the next render
// reads them again; other processes see the change through the version poller.
#pragma once

#include <memory>

#include "content/settings.hpp"
#include "view/templates.hpp"
#include "web/app.hpp"

namespace rynek::web {

// The settings as of the page cache's current content version; read from the
// database only when that version changed. For the seminar editor's defaults
// (privacy_clause_md, privacy_clause_version, seminar_contact_email) and for
// anything rendered; a write job reads content::site_settings(db) instead.
std::shared_ptr<const content::SiteSettings> site_settings(const App& app);

// The layout's share (render_page): "site_name", and for the footer's address
// block "site_has_contact" and "site_contact_lines" [{text, is_email, br}].
void add_site_context(const App& app, view::Value& context);

// An e-mail's share: "site_name" (the brand line), "site_signature" (the full
// name, else the name) and "site_contact_email" ("" when none).
void add_mail_signature(const App& app, view::Value& context);

}  // namespace rynek::web
