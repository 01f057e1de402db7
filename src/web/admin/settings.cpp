// The settings page (see settings.hpp).
#include "web/admin/settings.hpp"

#include "accounts/audit.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "http/multipart.hpp"
#include "web/admin/access.hpp"
#include "web/content_write.hpp"
#include "web/forms.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
namespace {

constexpr std::size_t kSettingsBodyLimit = 512 * 1024;
constexpr const char* kPath = "/admin/ustawienia";

struct FieldError {
  std::string id;
  std::string message;  // translated
};

view::Value field(const std::string& id, const std::string& value, const std::vector<FieldError>& errors,
                  bool has_help) {
  view::Value f;
  f["id"] = id;
  f["value"] = value;
  std::string describedby = has_help ? id + "-help" : "";
  for (const auto& error : errors) {
    if (error.id != id) continue;
    f["has_error"] = true;
    f["error"] = error.message;
    describedby += (describedby.empty() ? "" : " ") + id + "-error";
    break;
  }
  if (!describedby.empty()) f["describedby"] = describedby;
  return f;
}

http::Response render_form(const App& app, const http::Request& request, const Session& session,
                           const content::SiteSettings& values, const std::vector<FieldError>& errors,
                           const std::string& notice, int status) {
  const auto lang = request_language(app, request);
  view::Value context;
  context["action"] = kPath;
  context["organisation_name_field"] = field("organisation_name", values.organisation_name, errors, true);
  context["organisation_full_name_field"] =
      field("organisation_full_name", values.organisation_full_name, errors, true);
  context["postal_address_field"] = field("postal_address", values.postal_address, errors, true);
  context["contact_email_field"] = field("contact_email", values.contact_email, errors, true);
  context["privacy_clause_md_field"] = field("privacy_clause_md", values.privacy_clause_md, errors, true);
  context["privacy_clause_version_field"] =
      field("privacy_clause_version", values.privacy_clause_version, errors, true);
  context["seminar_contact_email_field"] = field("seminar_contact_email", values.seminar_contact_email, errors, true);
  if (!notice.empty()) context["notice"] = notice;
  if (!errors.empty()) {
    view::Value::List summary;
    for (const auto& error : errors) {
      view::Value item;
      item["href"] = "#" + error.id;
      item["message"] = error.message;
      summary.push_back(std::move(item));
    }
    context["has_errors"] = true;
    context["errors"] = std::move(summary);
    context["error_count"] = core::translate_plural(lang, "The form has %1% error.", "The form has %1% errors.",
                                                    static_cast<long>(errors.size()));
  }
  return render_admin_page(app, request, session, "admin/settings", std::move(context),
                           core::translate(lang, "Site settings"), status);
}

content::SiteSettings stored_settings(App& app) {
  return app.db.read([](store::Connection& db) { return content::site_settings(db); });
}

http::Response settings_page(App& app, http::Request& request, const Session& session) {
  const auto lang = request_language(app, request);
  const auto settings = stored_settings(app);
  std::string notice;
  if (auto saved = request.query_param("zapisano")) {
    if (*saved == "wersja") {
      notice = core::translate(lang, "Settings saved. The information clause changed, so it has a new version: %1%.");
      if (auto at = notice.find("%1%"); at != std::string::npos) notice.replace(at, 3, settings.privacy_clause_version);
    } else {
      notice = core::translate(lang, "Settings saved.");
    }
  }
  return render_form(app, request, session, settings, {}, notice, 200);
}

// The form's fields, from a multipart or url-encoded body; nullopt when the body
// cannot be read as either (broken structure, text that is not UTF-8).
std::optional<http::Params> read_body(const http::Request& request) {
  const auto type = request.header("Content-Type");
  if (type.starts_with("multipart/form-data")) {
    auto parsed = http::parse_multipart(type, request.body);
    if (auto* error = std::get_if<http::MultipartError>(&parsed)) {
      spdlog::info("admin settings: unreadable multipart body: {}", http::multipart_error_name(*error));
      return std::nullopt;
    }
    return std::get<http::Multipart>(parsed).fields();
  }
  return http::decode_form(request.body);
}

void settings_save(App& app, http::Request& request, const Session& session, http::Responder respond) {
  const auto lang = request_language(app, request);
  const auto stored = stored_settings(app);
  auto form = read_body(request);
  if (!form) {
    // Only a hand-made request gets here: say what happened, show what is stored.
    return respond(render_form(app, request, session, stored,
                               {{"settings-form", core::translate(lang, "The form could not be read: its encoding is damaged. Nothing was saved; please fill it in again.")}},
                               "", 400));
  }
  content::SiteSettings input;
  input.organisation_name = form_value(*form, "organisation_name");
  input.organisation_full_name = form_value(*form, "organisation_full_name");
  input.postal_address = form_value(*form, "postal_address");
  input.contact_email = form_value(*form, "contact_email");
  input.privacy_clause_md = form_value(*form, "privacy_clause_md");
  input.privacy_clause_version = form_value(*form, "privacy_clause_version");
  input.seminar_contact_email = form_value(*form, "seminar_contact_email");
  auto check = content::check_site_settings(input, stored);
  if (!check.errors.empty()) {
    std::vector<FieldError> errors;
    for (const auto& error : check.errors) errors.push_back({error.field, core::translate(lang, error.message)});
    return respond(render_form(app, request, session, input, errors, "", 422));
  }
  const auto actor = session.account.id;
  const std::string target = std::string(kPath) + (check.version_bumped ? "?zapisano=wersja" : "?zapisano=1");
  request.body.clear();  // read already; the answer needs only the request's head
  auto shared = std::make_shared<http::Request>(request);
  write_content(
      app,
      [input, actor](store::Connection& db) {
        const auto now = core::Clock::now();
        auto details = content::update_site_settings(db, input, now);
        if (!details) return;  // nothing changed: nothing to record
        accounts::record_audit(db, actor, "settings.update", "settings", 1, input.organisation_name, *details, now);
      },
      [&app, shared, target, respond = std::move(respond)](store::WriteOutcome outcome) {
        if (!outcome.ok) {
          spdlog::error("admin settings: write failed: {}", outcome.message);
          return respond(render_error(app, 503, shared.get()));
        }
        respond(http::Response::redirect(303, target));
      });
}

}  // namespace

std::vector<http::Route> settings_routes(App& app) {
  std::vector<http::Route> routes;
  http::Route page;
  page.method = http::Method::get;
  page.pattern = kPath;
  page.name = "admin.settings";
  page.handler = guard(app, Access::admins, settings_page);
  page.csrf = http::Csrf::not_needed;
  routes.push_back(std::move(page));
  http::Route save;
  save.method = http::Method::post;
  save.pattern = kPath;
  save.name = "admin.settings.save";
  save.handler = guard_async(app, Access::admins, settings_save);
  save.body_limit = kSettingsBodyLimit;
  save.csrf = http::Csrf::required;
  routes.push_back(std::move(save));
  return routes;
}

}  // namespace rynek::web::admin
