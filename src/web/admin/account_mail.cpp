#include "web/admin/account_mail.hpp"

#include <boost/json.hpp>

#include "accounts/account_store.hpp"
#include "accounts/reset.hpp"
#include "core/i18n.hpp"
#include "web/site_settings.hpp"

namespace rynek::web::admin {
namespace {

std::optional<std::int64_t> reset_id_of(const std::string& payload) {
  boost::system::error_code error;
  auto value = boost::json::parse(payload, error);
  if (error || !value.is_object()) return std::nullopt;
  auto* id = value.as_object().if_contains("reset_id");
  if (!id || !id->is_int64()) return std::nullopt;
  return id->as_int64();
}

}  // namespace

std::optional<mail::Message> compose_account_mail(const App& app,
                                                  const mail::QueuedMessage& queued) {
  const bool invitation = queued.kind == mail::key(accounts::kInvitationMailKind);
  if (!invitation && queued.kind != mail::key(accounts::kResetMailKind)) return std::nullopt;
  auto id = reset_id_of(queued.payload);
  if (!id) return std::nullopt;
  auto link = app.db.read([&](store::Connection& db) { return accounts::find_reset(db, *id); });
  if (!link) return std::nullopt;
  const std::string lang = core::is_supported_language(queued.lang) ? queued.lang : app.config.lang;
  auto t = [&](const char* text) { return core::translate(lang, text); };
  const auto url =
      app.config.base_url + "/admin/haslo/" + accounts::reset_token(app.secret, link->nonce);

  // The site's name comes from the settings, so a renamed site never sends
  // mail that names "Rynek" (the product) instead of itself.
  const auto site_name = site_settings(app)->organisation_name;
  auto with_site = [&](const char* text) {
    auto out = t(text);
    if (auto at = out.find("{site}"); at != std::string::npos) out.replace(at, 6, site_name);
    return out;
  };

  view::Value context;
  context["lang"] = lang;
  context["greeting"] = t("Hello,");
  if (invitation) {
    context["subject"] = t("Your account in the back office");
    context["paragraph"] = with_site(
        "An account in the back office of {site} has been created for you. Open the link below to choose your password; it is valid for 72 hours.");
    context["link_label"] = t("Choose your password");
  } else {
    context["subject"] = t("Resetting your password");
    context["paragraph"] = with_site(
        "Someone asked to reset the password of your account in the back office of {site}. If it was you, open the link below within an hour to choose a new password.");
    context["link_label"] = t("Choose a new password");
  }
  context["url"] = url;
  context["note"] = t(
      "If you did not expect this message, you can ignore it: nothing changes until the link is used.");
  add_mail_signature(app, context);

  mail::Message message;
  message.from = app.config.mail_from;
  message.to_address = queued.to_address;
  message.to_name = queued.to_name;
  message.subject =
      invitation ? t("Your account in the back office") : t("Resetting your password");
  message.text = app.templates.render("admin/mail_account.txt", context, lang);
  message.html = app.templates.render("admin/mail_account.html", context, lang);
  return message;
}

}  // namespace rynek::web::admin
