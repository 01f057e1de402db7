// The settings page (see settings.hpp).
#include "web/admin/settings.hpp"

#include "accounts/audit.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "http/multipart.hpp"
#include "web/admin/access.hpp"
#include "web/admin/form_view.hpp"
#include "web/content_write.hpp"
#include "web/forms.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
namespace {

constexpr std::size_t kSettingsBodyLimit = 512 * 1024;
constexpr const char* kPath = "/admin/ustawienia";

// What the form shows: the values, and the revision they were opened with
// (sent back hidden; a save over a newer one is refused, content::check_revision).
struct SettingsForm {
  content::SiteSettings values;
  std::string revision;
};

http::Response render_form(const App& app, const http::Request& request, const Session& session,
                           const SettingsForm& form, const std::vector<FieldError>& errors,
                           const std::string& notice, int status,
                           content::RevisionCheck conflict = content::RevisionCheck::current) {
  const auto lang = request_language(app, request);
  const auto& values = form.values;
  view::Value context;
  context["action"] = kPath;
  context["revision"] = form.revision;
  add_conflict(context, conflict);
  context["organisation_name_field"] =
      form_field("organisation_name", values.organisation_name, errors, true);
  context["organisation_full_name_field"] =
      form_field("organisation_full_name", values.organisation_full_name, errors, true);
  context["postal_address_field"] =
      form_field("postal_address", values.postal_address, errors, true);
  context["contact_email_field"] = form_field("contact_email", values.contact_email, errors, true);
  context["privacy_clause_md_field"] =
      form_field("privacy_clause_md", values.privacy_clause_md, errors, true);
  context["privacy_clause_version_field"] =
      form_field("privacy_clause_version", values.privacy_clause_version, errors, true);
  context["seminar_contact_email_field"] =
      form_field("seminar_contact_email", values.seminar_contact_email, errors, true);
  if (!notice.empty()) context["notice"] = notice;
  add_error_summary(context, lang, errors);
  return render_admin_page(app, request, session, "admin/settings", std::move(context),
                           core::translate(lang, "Site settings"), status);
}

SettingsForm stored_settings(App& app) {
  return app.db.read([](store::Connection& db) {
    return SettingsForm{content::site_settings(db), std::to_string(content::settings_revision(db))};
  });
}

http::Response settings_page(App& app, http::Request& request, const Session& session) {
  const auto lang = request_language(app, request);
  const auto settings = stored_settings(app);
  std::string notice;
  if (auto saved = request.query_param("zapisano")) {
    if (*saved == "wersja") {
      notice = core::translate(
          lang, "Settings saved. The information clause changed, so it has a new version: %1%.");
      if (auto at = notice.find("%1%"); at != std::string::npos) {
        notice.replace(at, 3, settings.values.privacy_clause_version);
      }
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
      spdlog::info("admin settings: unreadable multipart body: {}",
                   http::multipart_error_name(*error));
      return std::nullopt;
    }
    return std::get<http::Multipart>(parsed).fields();
  }
  return http::decode_form(request.body);
}

void settings_save(App& app, http::Request& request, const Session& session,
                   http::Responder respond) {
  const auto lang = request_language(app, request);
  const auto stored = stored_settings(app);
  auto form = read_body(request);
  if (!form) {
    // Only a hand-made request gets here: say what happened, show what is stored.
    return respond(render_form(
        app, request, session, stored,
        {{"settings-form",
          core::translate(
              lang,
              "The form could not be read: its encoding is damaged. Nothing was saved; please fill it in again.")}},
        "", 400));
  }
  SettingsForm sent;
  sent.revision = std::string(core::trim(form_value(*form, "revision")));
  auto& input = sent.values;
  input.organisation_name = form_value(*form, "organisation_name");
  input.organisation_full_name = form_value(*form, "organisation_full_name");
  input.postal_address = form_value(*form, "postal_address");
  input.contact_email = form_value(*form, "contact_email");
  input.privacy_clause_md = form_value(*form, "privacy_clause_md");
  input.privacy_clause_version = form_value(*form, "privacy_clause_version");
  input.seminar_contact_email = form_value(*form, "seminar_contact_email");
  auto check = content::check_site_settings(input, stored.values);
  if (!check.errors.empty()) {
    std::vector<FieldError> errors;
    for (const auto& error : check.errors)
      errors.push_back({error.field, core::translate(lang, error.message)});
    return respond(render_form(app, request, session, sent, errors, "", 422));
  }
  const std::string target =
      std::string(kPath) + (check.version_bumped ? "?zapisano=wersja" : "?zapisano=1");
  request.body.clear();  // read already; the answer needs only the request's head
  // The job's outcome: whether the form's revision was the stored one, and the
  // stored one (the re-rendered form carries it: saving again overwrites).
  struct Save {
    SettingsForm sent;
    Session session;
    http::Request request;
    content::RevisionCheck conflict = content::RevisionCheck::current;
  };
  auto save = std::make_shared<Save>(
      Save{std::move(sent), session, request, content::RevisionCheck::current});
  write_content(
      app,
      [save](store::Connection& db) {
        save->conflict = check_form_revision(save->sent.revision, content::settings_revision(db));
        if (save->conflict != content::RevisionCheck::current) return;
        const auto now = core::Clock::now();
        const auto& input = save->sent.values;
        auto details = content::update_site_settings(db, input, now);
        if (!details) return;  // nothing changed: nothing to record
        accounts::record_audit(db, save->session.account.id, "settings.update", "settings", 1,
                               input.organisation_name, *details, now);
      },
      [&app, save, target, respond = std::move(respond)](store::WriteOutcome outcome) {
        if (!outcome.ok) {
          spdlog::error("admin settings: write failed: {}", outcome.message);
          return respond(render_error(app, 503, &save->request));
        }
        if (save->conflict != content::RevisionCheck::current) {
          return respond(render_form(app, save->request, save->session, save->sent, {}, "", 409,
                                     save->conflict));
        }
        respond(http::Response::redirect(303, target));
      });
}

}  // namespace

std::vector<http::Route> settings_routes(App& app) {
  return {admin_get(app, Access::admins, kPath, "admin.settings", settings_page),
          admin_post(app, Access::admins, kPath, "admin.settings.save", settings_save,
                     kSettingsBodyLimit)};
}

}  // namespace rynek::web::admin
