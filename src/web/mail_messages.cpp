#include "web/mail_messages.hpp"

#include <boost/json.hpp>

#include "core/i18n.hpp"
#include "core/log.hpp"
#include "events/calendar.hpp"
#include "events/registration.hpp"
#include "web/mail_kinds.hpp"
#include "web/seminar_view.hpp"
#include "web/site_settings.hpp"

namespace rynek::web {
namespace {

using mail::MailKind;

struct Wording {
  const char* subject;  // followed by ": <seminar title>"
  std::vector<const char*> paragraphs;
  bool personal_link = true;
  bool calendar = false;
  bool cancel_link = true;
  bool calendar_cancel = false;  // a METHOD:CANCEL .ics removes the invitation's entry
};

// The texts of each registration e-mail and reminder (the unit tests compose
// every kind, so a kind left out here fails them).
std::optional<Wording> wording(MailKind kind) {
  if (kind == MailKind::registration_confirmation) {
    return Wording{
        core::N_("Registration confirmed"),
        {core::N_("Thank you for registering. A place at the seminar is reserved for you."),
         core::N_(
             "Open your personal link and press \"Confirm participation\". On the day of the seminar the same link opens the broadcast.")},
        true,
        true,
        true};
  }
  if (kind == MailKind::registration_waitlisted) {
    return Wording{
        core::N_("You are on the waiting list"),
        {core::N_(
             "Thank you for registering. There is no place for you at the moment, so you are on the waiting list."),
         core::N_(
             "If a place frees up, we will write to you at once. Your personal link shows your place in the queue.")},
        true,
        false,
        true};
  }
  if (kind == MailKind::registration_pending) {
    return Wording{
        core::N_("Registration received"),
        {core::N_(
             "Thank you for registering. The organiser confirms registrations for this seminar; we will write to you when they decide."),
         core::N_("Your personal link shows the state of your registration.")},
        true,
        false,
        true};
  }
  if (kind == MailKind::registration_promoted) {
    return Wording{
        core::N_("A place is yours"),
        {core::N_("Good news: a place at the seminar has become free and it is now yours."),
         core::N_(
             "Open your personal link and press \"Confirm participation\". On the day of the seminar the same link opens the broadcast.")},
        true,
        true,
        true};
  }
  if (kind == MailKind::registration_approved) {
    return Wording{
        core::N_("Registration approved"),
        {core::N_(
             "The organiser has approved your registration. A place at the seminar is reserved for you."),
         core::N_(
             "Open your personal link and press \"Confirm participation\". On the day of the seminar the same link opens the broadcast.")},
        true,
        true,
        true};
  }
  if (kind == MailKind::registration_rejected) {
    return Wording{
        core::N_("Registration not accepted"),
        {core::N_(
             "We are sorry: the organiser could not accept your registration for this seminar."),
         core::N_("If you have questions, please write to the contact address below.")},
        false,
        false,
        false};
  }
  if (kind == MailKind::registration_cancelled) {
    return Wording{
        core::N_("Registration cancelled"),
        {core::N_("Your registration has been cancelled."),
         core::N_(
             "If this was a mistake, you can register again on the seminar's page while places are left.")},
        false,
        false,
        false,
        true};
  }
  if (kind == MailKind::registration_expired) {
    return Wording{
        core::N_("Your place has moved to the waiting list"),
        {core::N_(
             "You did not confirm your participation in time, so your place went to the next person and you are now on the waiting list."),
         core::N_(
             "You can still confirm through your personal link; if a place frees up, it will be yours.")},
        true,
        false,
        true};
  }
  if (kind == MailKind::reminder_24h) {
    return Wording{
        core::N_("Tomorrow"),
        {core::N_("A reminder: the seminar starts in about 24 hours."),
         core::N_("Your personal link opens the broadcast, the agenda and the materials.")},
        true,
        true,
        true};
  }
  if (kind == MailKind::reminder_1h) {
    return Wording{
        core::N_("Starting in an hour"),
        {core::N_("The seminar starts in about an hour."),
         core::N_("Open your personal link a few minutes before the start to join the broadcast.")},
        true,
        false,
        false};
  }
  return std::nullopt;
}

std::optional<std::int64_t> registration_id_of(const std::string& payload) {
  boost::system::error_code error;
  auto value = boost::json::parse(payload, error);
  if (error || !value.is_object()) return std::nullopt;
  auto* id = value.as_object().if_contains("registration_id");
  if (!id || !id->is_int64()) return std::nullopt;
  return id->as_int64();
}

}  // namespace

mail::Composer make_composer(const App& app) {
  return [&app](const mail::QueuedMessage& queued) { return compose_mail(app, queued); };
}

std::optional<mail::Message> compose_registration_mail(const App& app,
                                                       const mail::QueuedMessage& queued,
                                                       MailKind kind) {
  {
    auto words = wording(kind);
    auto id = registration_id_of(queued.payload);
    if (!words || !id) {
      spdlog::error("outbox {}: no registration e-mail '{}' or bad payload", queued.id,
                    queued.kind);
      return std::nullopt;
    }
    auto found = app.db.read([&](store::Connection& db) {
      auto registration = events::find_registration(db, *id);
      std::optional<events::Seminar> seminar;
      if (registration) seminar = events::find_seminar_by_id(db, registration->seminar_id);
      return std::pair(std::move(registration), std::move(seminar));
    });
    auto& [registration, seminar] = found;
    if (!registration || !seminar) return std::nullopt;
    const std::string lang =
        core::is_supported_language(queued.lang) ? queued.lang : app.config.lang;
    auto t = [&](const char* text) { return core::translate(lang, text); };
    const std::string base = app.config.base_url;
    const std::string personal =
        base + "/u/" + app.secret.participation_token(registration->token_nonce);

    view::Value context;
    context["lang"] = lang;
    context["subject"] = t(words->subject) + ": " + seminar->title;
    context["greeting"] = t("Hello,");
    view::Value::List paragraphs;
    for (const char* paragraph : words->paragraphs) paragraphs.push_back(t(paragraph));
    context["paragraphs"] = std::move(paragraphs);
    context["seminar_title"] = seminar->title;
    context["when"] = seminar_when(lang, *seminar);
    context["venue"] = seminar->venue;
    context["seminar_url"] = base + seminar_url(*seminar);
    if (words->personal_link) {
      context["personal_url"] = personal;
      context["link_label"] = t("Your personal participation link");
      context["link_note"] = t("This link is personal: please do not forward it.");
    }
    if (words->cancel_link) {
      context["cancel_url"] = personal + "/anuluj";
      context["cancel_label"] = t("Cannot take part? Cancel your registration");
    }
    context["signature"] = t("The organisers of the seminar");
    context["contact_email"] = seminar->contact_email;
    context["contact_label"] = t("Contact");
    add_mail_signature(app, context);  // the organisation's name, full name and contact address

    mail::Message message;
    message.from = app.config.mail_from;
    message.reply_to = seminar->contact_email;
    message.to_address = queued.to_address;
    message.to_name = queued.to_name;
    message.subject = t(words->subject) + ": " + seminar->title;
    message.text = app.templates.render("mail/message.txt", context, lang);
    message.html = app.templates.render("mail/message.html", context, lang);
    if (words->calendar) {
      events::CalendarOptions options;
      options.seminar_url = base + seminar_url(*seminar);
      options.personal_url = personal;
      options.uid = "registration-" + std::to_string(registration->id) + "@rynek";
      options.organizer_email = seminar->contact_email;
      message.attachments.push_back({"zaproszenie.ics",
                                     "text/calendar; charset=utf-8; method=PUBLISH",
                                     events::seminar_ics(*seminar, options)});
    }
    if (words->calendar_cancel) {
      events::CalendarOptions options;
      options.seminar_url = base + seminar_url(*seminar);
      options.uid = "registration-" + std::to_string(registration->id) + "@rynek";
      options.organizer_email = seminar->contact_email;
      options.cancelled = true;
      message.attachments.push_back({"odwolanie.ics", "text/calendar; charset=utf-8; method=CANCEL",
                                     events::seminar_ics(*seminar, options)});
    }
    return message;
  }
}

}  // namespace rynek::web
