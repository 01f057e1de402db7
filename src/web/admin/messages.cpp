#include "web/admin/messages.hpp"

#include <boost/json.hpp>

#include "accounts/audit.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "events/admin_queries.hpp"
#include "http/url.hpp"
#include "web/admin/registrations.hpp"
#include "web/forms.hpp"
#include "web/page.hpp"
#include "web/seminar_view.hpp"
#include "web/site_settings.hpp"

namespace rynek::web::admin {
namespace {

constexpr std::size_t kMaxSelected = 10000;

std::size_t characters(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::vector<std::int64_t> selected_ids(const http::Params& params) {
  std::vector<std::int64_t> ids;
  for (const auto& [name, value] : params) {
    if (name != "r" || ids.size() >= kMaxSelected) continue;
    if (auto id = core::parse_positive_id(value)) ids.push_back(*id);
  }
  return ids;
}

struct Draft {
  std::string subject;
  std::string body;
  std::string audience;
  std::vector<std::int64_t> selected;
};

http::Response render_form(App& app, const http::Request& request, const Session& session,
                           const events::Seminar& seminar, const Draft& draft, const char* error,
                           int status) {
  const auto lang = request_language(app, request);
  auto counts = app.db.read([&](store::Connection& db) {
    using events::MessageAudience;
    return std::array{
        events::audience_ids(db, seminar.id, MessageAudience::registered).size(),
        events::audience_ids(db, seminar.id, MessageAudience::waitlisted).size(),
        events::audience_ids(db, seminar.id, MessageAudience::active).size(),
        events::audience_ids(db, seminar.id, MessageAudience::selected, draft.selected).size()};
  });
  view::Value context;
  context["seminar_id"] = std::to_string(seminar.id);
  context["seminar_title"] = seminar.title;
  context["csrf"] = session.csrf;
  context["subject"] = draft.subject;
  context["body"] = draft.body;
  context["max_subject"] = std::to_string(kMaxSubjectChars);
  context["max_body"] = std::to_string(kMaxBodyChars);
  context["count_registered"] = counts[0];
  context["count_waitlisted"] = counts[1];
  context["count_active"] = counts[2];
  context["count_selected"] = counts[3];
  context["has_selected"] = counts[3] > 0;
  const auto audience =
      draft.audience.empty() ? (counts[3] > 0 ? "selected" : "registered") : draft.audience;
  context["audience_registered"] = audience == "registered";
  context["audience_waitlisted"] = audience == "waitlisted";
  context["audience_active"] = audience == "active";
  context["audience_selected"] = audience == "selected";
  view::Value::List selected;
  for (auto id : draft.selected) selected.push_back(std::to_string(id));
  context["selected"] = std::move(selected);
  if (error) context["error"] = tr(lang, error);
  return render_admin_page(app, request, session, "admin/registrations/message", std::move(context),
                           tr(lang, "Message to participants") + ": " + seminar.title, status);
}

}  // namespace

const char* message_error(std::string_view subject, std::string_view body) {
  if (core::trim(subject).empty()) return core::N_("Please enter a subject.");
  if (characters(subject) > kMaxSubjectChars)
    return core::N_("The subject may have at most 200 characters.");
  if (subject.find_first_of("\r\n") != std::string_view::npos)
    return core::N_("The subject must be a single line.");
  if (core::trim(body).empty()) return core::N_("Please write the message.");
  if (characters(body) > kMaxBodyChars)
    return core::N_("The message may have at most 10,000 characters.");
  return nullptr;
}

std::vector<std::vector<std::string>> body_paragraphs(std::string_view body) {
  std::vector<std::vector<std::string>> paragraphs;
  std::vector<std::string> current;
  for (auto line : core::split(body, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (core::trim(line).empty()) {
      if (!current.empty()) paragraphs.push_back(std::move(current));
      current.clear();
    } else {
      current.emplace_back(line);
    }
  }
  if (!current.empty()) paragraphs.push_back(std::move(current));
  return paragraphs;
}

std::optional<mail::Message> compose_admin_message(const App& app,
                                                   const mail::QueuedMessage& queued) {
  if (queued.kind != mail::key(mail::MailKind::admin_message)) return std::nullopt;
  boost::system::error_code error;
  auto payload = boost::json::parse(queued.payload, error);
  if (error || !payload.is_object()) return std::nullopt;
  const auto& object = payload.as_object();
  const auto* id = object.if_contains("registration_id");
  const auto* subject = object.if_contains("subject");
  const auto* body = object.if_contains("body");
  if (!id || !id->is_int64() || !subject || !subject->is_string() || !body || !body->is_string()) {
    spdlog::error("outbox {}: malformed admin.message payload", queued.id);
    return std::nullopt;
  }
  auto [registration, seminar] = app.db.read([&](store::Connection& db) {
    auto registration = events::find_registration(db, id->as_int64());
    std::optional<events::Seminar> seminar;
    if (registration) seminar = events::find_seminar_by_id(db, registration->seminar_id);
    return std::pair(std::move(registration), std::move(seminar));
  });
  if (!registration || !seminar) return std::nullopt;
  const std::string lang = core::is_supported_language(queued.lang) ? queued.lang : app.config.lang;
  const std::string base = app.config.base_url;
  view::Value context;
  context["lang"] = lang;
  context["subject"] = std::string(subject->as_string());
  view::Value::List paragraphs;
  for (const auto& lines : body_paragraphs(body->as_string())) {
    view::Value::List line_values;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      view::Value line;
      line["text"] = lines[i];
      line["last"] = i + 1 == lines.size();
      line_values.push_back(std::move(line));
    }
    view::Value paragraph;
    paragraph["lines"] = std::move(line_values);
    paragraphs.push_back(std::move(paragraph));
  }
  context["paragraphs"] = std::move(paragraphs);
  context["seminar_title"] = seminar->title;
  context["when"] = seminar_when(lang, *seminar);
  context["seminar_url"] = base + seminar_url(*seminar);
  context["personal_url"] =
      base + "/u/" + app.secret.participation_token(registration->token_nonce);
  context["link_label"] = core::translate(lang, "Your personal participation link");
  context["link_note"] = core::translate(lang, "This link is personal: please do not forward it.");
  context["signature"] = core::translate(lang, "The organisers of the seminar");
  add_mail_signature(app, context);  // the brand line: the organisation's name
  context["contact_email"] = seminar->contact_email;
  context["contact_label"] = core::translate(lang, "Contact");
  mail::Message message;
  message.from = app.config.mail_from;
  message.reply_to = seminar->contact_email;
  message.to_address = queued.to_address;
  message.to_name = queued.to_name;
  message.subject = std::string(subject->as_string());
  message.text = app.templates.render("admin/registrations/mail_text", context, lang);
  message.html = app.templates.render("admin/registrations/mail_html", context, lang);
  return message;
}

http::Response message_form(App& app, http::Request& request, const Session& session) {
  auto seminar = managed_seminar(app, request, session);
  if (!seminar) return render_error(app, 404, &request);
  Draft draft;
  draft.selected = selected_ids(request.query);
  return render_form(app, request, session, *seminar, draft, nullptr, 200);
}

void message_send(App& app, http::Request& request, const Session& session,
                  http::Responder respond) {
  auto seminar = managed_seminar(app, request, session);
  if (!seminar) return respond(render_error(app, 404, &request));
  auto form = http::decode_form(request.body);
  if (!form) return respond(render_error(app, 400, &request));
  Draft draft{form_value(*form, "subject"), form_value(*form, "body"),
              form_value(*form, "audience"), selected_ids(*form)};
  auto audience = events::parse_audience(draft.audience);
  const char* error = message_error(draft.subject, draft.body);
  if (!error && !audience) error = core::N_("Please choose the recipients.");
  if (error) return respond(render_form(app, request, session, *seminar, draft, error, 422));
  const auto seminar_id = seminar->id;
  const auto account_id = session.account.id;
  const auto now = core::Clock::now();
  auto sent = std::make_shared<int>(0);
  app.db.write(
      [=, audience = *audience](store::Connection& db) {
        auto ids = events::audience_ids(db, seminar_id, audience, draft.selected);
        *sent = events::enqueue_admin_message(db, ids, draft.subject, draft.body, now);
        if (*sent == 0) return;
        boost::json::object details;
        details["recipients"] = *sent;
        details["audience"] = draft.audience;
        details["subject"] = draft.subject;
        accounts::record_audit(db, account_id, "registration.message", "seminar", seminar_id,
                               draft.subject, boost::json::serialize(details), now);
      },
      [&app, request, respond = std::move(respond), sent, seminar_id](store::WriteOutcome outcome) {
        if (!outcome.ok) {
          spdlog::error("admin message failed: {}", outcome.message);
          return respond(render_error(app, 503, &request));
        }
        if (*sent > 0) app.mail_queued();
        respond(http::Response::redirect(
            303, "/admin/seminaria/" + std::to_string(seminar_id) +
                     "/zgloszenia?done=sent&count=" + std::to_string(*sent)));
      });
}

}  // namespace rynek::web::admin
