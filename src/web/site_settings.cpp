// The site settings as pages and e-mails read them (see site_settings.hpp).
#include "web/site_settings.hpp"

#include "core/log.hpp"
#include "core/text.hpp"

namespace rynek::web {

std::shared_ptr<const content::SiteSettings> site_settings(const App& app) {
  try {
    return app.settings_cache->get(&app, app.cache.version(), [&app] {
      return app.db.read([](store::Connection& db) { return content::site_settings(db); });
    });
  } catch (const std::exception& error) {
    // Error pages are rendered through here too, also when the database is
    // failing: they get the defaults rather than a second failure.
    spdlog::error("site settings unreadable: {}", error.what());
    static const auto defaults = std::make_shared<const content::SiteSettings>();
    return defaults;
  }
}

void add_site_context(const App& app, view::Value& context) {
  const auto settings = site_settings(app);
  context["site_name"] = settings->organisation_name;
  // The footer's address block: the full name, the postal address line by
  // line, the contact address as a mailto link.
  std::vector<std::pair<std::string, bool>> lines;
  if (!settings->organisation_full_name.empty())
    lines.emplace_back(settings->organisation_full_name, false);
  if (!settings->postal_address.empty()) {
    for (auto line : core::split(settings->postal_address, '\n')) {
      if (!core::trim(line).empty()) lines.emplace_back(std::string(core::trim(line)), false);
    }
  }
  if (!settings->contact_email.empty()) lines.emplace_back(settings->contact_email, true);
  view::Value::List items;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    view::Value item;
    item["text"] = lines[i].first;
    item["is_email"] = lines[i].second;
    item["br"] = i + 1 < lines.size();
    items.push_back(std::move(item));
  }
  context["site_has_contact"] = !items.empty();
  context["site_contact_lines"] = std::move(items);
}

void add_mail_signature(const App& app, view::Value& context) {
  const auto settings = site_settings(app);
  context["site_name"] = settings->organisation_name;
  context["site_signature"] = settings->organisation_full_name.empty()
                                  ? settings->organisation_name
                                  : settings->organisation_full_name;
  context["site_contact_email"] = settings->contact_email;
}

}  // namespace rynek::web
