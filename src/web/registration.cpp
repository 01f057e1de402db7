// The registration form and its submission.
//
// The POST handler does everything that can fail without the database first
// (rate limits, CSRF, validation, token derivation), then hands one job to the
// single writer and answers only once that job is durable. Whatever happened
// (new registration, waiting list, a repeat of a known address, a throttled
// repeat, a bot caught by the honeypot), the visitor sees the same "check your
// e-mail" page: the answer never tells whether an address was already known.
// The form carries the versions of the clause and consents it showed; a
// submission whose versions are no longer current is shown the form again.
#include <map>
#include <mutex>

#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/tokens.hpp"
#include "events/form.hpp"
#include "view/markdown.hpp"
#include "web/forms.hpp"
#include "web/page.hpp"
#include "web/seminar_view.hpp"
#include "web/seminars.hpp"

namespace rynek::web {
namespace {

std::string error_for(const std::vector<events::FieldError>& errors, const std::string& key,
                      const std::string& lang) {
  for (const auto& error : errors) {
    if (error.key == key) return core::translate(lang, error.message);
  }
  return {};
}

view::Value input_value(const std::string& id, const std::string& name, const std::string& label,
                        const std::string& help, bool required, const std::string& error) {
  view::Value field;
  field["id"] = id;
  field["name"] = name;
  field["label"] = label;
  field["help"] = help;
  field["required"] = required;
  field["error"] = error;
  field["has_error"] = !error.empty();
  std::string described;
  if (!help.empty()) described = id + "-help";
  if (!error.empty()) described += (described.empty() ? "" : " ") + id + "-error";
  field["describedby"] = described;
  return field;
}

view::Value form_context(App& app, const http::Request& request, http::Response& response,
                         const std::string& lang, const events::Seminar& seminar,
                         const events::FormResult* submitted) {
  const auto& errors = submitted ? submitted->errors : std::vector<events::FieldError>{};
  const events::Submission empty;
  const auto& values = submitted ? submitted->submission : empty;
  view::Value context = seminar_value(lang, seminar, MaterialsShown::public_only);
  context["csrf"] = csrf_token_for(app, request, response);
  context["action"] = seminar_url(seminar) + "/rejestracja";
  auto name = input_value("field-name", "name", core::translate(lang, "First and last name"), "",
                          true, error_for(errors, "name", lang));
  name["value"] = values.name;
  name["autocomplete"] = "name";
  context["name_field"] = std::move(name);
  auto email = input_value(
      "field-email", "email", core::translate(lang, "E-mail address"),
      core::translate(
          lang,
          "We will send the confirmation and your personal participation link to this address."),
      true, error_for(errors, "email", lang));
  email["value"] = values.email;
  email["autocomplete"] = "email";
  context["email_field"] = std::move(email);

  view::Value::List fields;
  for (const auto& field : seminar.fields) {
    auto key = "f_" + field.key;
    auto value = input_value("field-" + field.key, key, field.label, field.help, field.required,
                             error_for(errors, key, lang));
    auto given = values.answers.find(field.key);
    std::vector<std::string> chosen =
        given == values.answers.end() ? std::vector<std::string>{} : given->second;
    value["value"] = chosen.empty() ? "" : chosen.front();
    value["type_" + std::string(events::field_type_name(field.type))] = true;
    value["input_type"] = field.type == events::FieldType::email   ? "email"
                          : field.type == events::FieldType::phone ? "tel"
                                                                   : "text";
    value["checked"] = !chosen.empty() && chosen.front() == "yes";
    view::Value::List options;
    int index = 0;
    for (const auto& option : field.options) {
      view::Value entry;
      entry["value"] = option;
      entry["id"] = "field-" + field.key + "-" + std::to_string(index++);
      entry["selected"] = std::find(chosen.begin(), chosen.end(), option) != chosen.end();
      options.push_back(std::move(entry));
    }
    value["options"] = std::move(options);
    fields.push_back(std::move(value));
  }
  context["fields"] = std::move(fields);

  view::Value::List consents;
  for (const auto& consent : seminar.consents) {
    auto key = "consent_" + consent.key;
    auto value = input_value("consent-" + consent.key, key, consent.text, "", consent.required,
                             error_for(errors, key, lang));
    value["checked"] = values.consents.contains(consent.key);
    value["version_name"] = "version_consent_" + consent.key;
    value["version"] = consent.version;
    consents.push_back(std::move(value));
  }
  context["has_consents"] = !consents.empty();
  context["consents"] = std::move(consents);
  context["privacy_html"] = view::render_markdown(seminar.privacy_clause_md);
  context["privacy_version"] = seminar.privacy_clause_version;

  view::Value::List summary;
  for (const auto& error : errors) {
    view::Value entry;
    std::string id = error.key == "name" || error.key == "email" ? "field-" + error.key
                     : error.key.starts_with("f_")               ? "field-" + error.key.substr(2)
                     : error.key.starts_with("consent_")         ? "consent-" + error.key.substr(8)
                                                                 : "field-name";
    entry["href"] = "#" + id;
    // The summary names the field, so each entry makes sense read on its own.
    std::string label = error.key == "name"    ? core::translate(lang, "First and last name")
                        : error.key == "email" ? core::translate(lang, "E-mail address")
                                               : "";
    for (const auto& field : seminar.fields) {
      if (error.key == "f_" + field.key) label = field.label;
    }
    for (const auto& consent : seminar.consents) {
      if (error.key == "consent_" + consent.key) label = core::translate(lang, "Consent");
    }
    auto message = core::translate(lang, error.message);
    entry["message"] = label.empty() ? message : label + ": " + message;
    summary.push_back(std::move(entry));
  }
  context["has_errors"] = !summary.empty();
  context["error_count"] =
      core::translate_plural(lang, "The form has %1% error.", "The form has %1% errors.",
                             static_cast<long>(summary.size()));
  context["errors"] = std::move(summary);
  return context;
}

http::Response render_form(App& app, const http::Request& request, const std::string& lang,
                           const events::Seminar& seminar, const events::FormResult* submitted,
                           int status, const std::string& notice = "") {
  http::Response response;
  auto context = form_context(app, request, response, lang, seminar, submitted);
  if (!notice.empty()) context["notice"] = notice;
  PageMeta meta;
  meta.title = (submitted && !submitted->errors.empty() ? core::translate(lang, "Error") + ": "
                                                        : std::string()) +
               core::translate(lang, "Registration") + ": " + seminar.title;
  meta.nav = "seminars";
  auto page =
      render_page(app, request, lang, "seminars/register", std::move(context), meta, status);
  for (const auto& [name, value] : response.headers.all()) page.headers.add(name, value);
  mark_private(page);
  return page;
}

std::optional<events::Seminar> load_seminar(App& app, const http::Request& request) {
  auto now = core::Clock::now();
  return app.db.read([&](store::Connection& db) {
    return events::find_seminar(db, request.params.at("slug"), now);
  });
}

// The POST path takes its seminar from a small cache instead of running
// find_seminar's six queries for every registration (measured with
// bench/registration: a fifth of rynek's CPU per registration). An entry is used
// only while one indexed query confirms it: the same database, the same content
// version, and the published seminar row with the same id and updated_at (every
// import rewrites updated_at and bumps the version). The rules that decide a place (capacity,
// approval) are read again inside the write job in any case.
struct CachedSeminar {
  const store::Database* db = nullptr;
  std::int64_t version = 0;
  std::string updated_at;
  std::shared_ptr<const events::Seminar> seminar;
};

std::shared_ptr<const events::Seminar> submitted_seminar(App& app, const http::Request& request) {
  static std::mutex mutex;
  static std::map<std::string, CachedSeminar, std::less<>> cache;
  constexpr std::size_t kMaxEntries = 64;
  const auto& slug = request.params.at("slug");
  const auto version = app.cache.version();
  auto row = app.db.read([&](store::Connection& db) {
    return db.query_one(
        "SELECT id, updated_at FROM seminars WHERE slug = ? AND status = 'published' AND published_at <= ?",
        {slug, core::format_iso8601(core::Clock::now())});
  });
  if (!row) return nullptr;
  {
    std::lock_guard lock(mutex);
    auto found = cache.find(slug);
    if (found != cache.end() && found->second.db == &app.db && found->second.version == version &&
        found->second.seminar->id == row->integer(0) && found->second.updated_at == row->text(1)) {
      return found->second.seminar;
    }
  }
  auto seminar = load_seminar(app, request);
  if (!seminar) return nullptr;
  auto shared = std::make_shared<const events::Seminar>(std::move(*seminar));
  std::lock_guard lock(mutex);
  if (cache.size() >= kMaxEntries) cache.clear();
  cache[slug] = CachedSeminar{&app.db, version, row->text(1), shared};
  return shared;
}

std::string sent_url(const events::Seminar& seminar) {
  return seminar_url(seminar) + "/rejestracja/wyslano";
}

}  // namespace

http::Response registration_form(App& app, http::Request& request) {
  auto lang = request_language(app, request);
  auto seminar = load_seminar(app, request);
  if (!seminar) return render_error(app, 404, &request);
  if (registration_window(*seminar, core::Clock::now()) != RegistrationWindow::open) {
    return http::Response::redirect(303, seminar_url(*seminar));
  }
  return render_form(app, request, lang, *seminar, nullptr, 200);
}

void registration_submit(App& app, http::Request& request, http::Responder respond) {
  auto lang = request_language(app, request);
  if (!app.limits.form_posts.allow(client_key(request)))
    return respond(render_error(app, 429, &request));
  auto form = http::decode_form(request.body);
  if (!form) return respond(render_error(app, 400, &request));
  auto seminar = submitted_seminar(app, request);
  if (!seminar) return respond(render_error(app, 404, &request));
  auto now = core::Clock::now();
  if (registration_window(*seminar, now) != RegistrationWindow::open) {
    return respond(http::Response::redirect(303, seminar_url(*seminar)));
  }
  auto result = events::validate_registration(*seminar, *form, lang);
  if (result.honeypot_filled) {
    spdlog::info("registration: honeypot filled, nothing stored");
    return respond(http::Response::redirect(303, sent_url(*seminar)));
  }
  if (result.texts_changed) {
    // The versions stored would not be the ones the person read: show the new
    // texts with the answers kept, and store nothing (events/form.hpp).
    return respond(render_form(
        app, request, lang, *seminar, &result, 422,
        core::translate(
            lang,
            "The information clause or a consent changed while you were filling in the form. Please read it again and submit.")));
  }
  if (!result.errors.empty())
    return respond(render_form(app, request, lang, *seminar, &result, 422));
  if (!app.limits.per_email.allow(result.submission.email)) {
    // Same answer as success: the page must not reveal anything about the address.
    return respond(http::Response::redirect(303, sent_url(*seminar)));
  }
  auto nonce = core::random_nonce();
  auto hash = core::token_hash(app.secret.participation_token(nonce));
  auto shared_seminar = std::move(seminar);
  auto submission = std::make_shared<events::Submission>(std::move(result.submission));
  auto target = sent_url(*shared_seminar);
  auto page = seminar_url(*shared_seminar);
  // The job checks again that the seminar is public and its form open (it may
  // have been taken down meanwhile). A refusal sends the visitor to the seminar's
  // page, which says why (registration closed) or is now 404 — rendered by that
  // GET on an I/O thread, not here on the writer thread.
  auto job_result = std::make_shared<events::RegisterResult>(events::RegisterResult::registered);
  app.db.write(
      [shared_seminar, submission, nonce, hash, now, job_result](store::Connection& db) {
        *job_result =
            events::register_participant(db, *shared_seminar, *submission, nonce, hash, now).result;
      },
      [&app, respond = std::move(respond), target, page, job_result](store::WriteOutcome outcome) {
        if (!outcome.ok) {
          spdlog::error("registration failed: {}", outcome.message);
          http::Response unavailable = http::Response::text(503, "Service unavailable");
          unavailable.headers.set("Retry-After", "5");
          return respond(std::move(unavailable));
        }
        if (*job_result == events::RegisterResult::not_public ||
            *job_result == events::RegisterResult::closed) {
          return respond(http::Response::redirect(303, page));
        }
        app.mail_queued();
        respond(http::Response::redirect(303, target));
      });
}

http::Response registration_sent(App& app, http::Request& request) {
  auto lang = request_language(app, request);
  return cached_page(app, request, lang, [&] {
    auto seminar = load_seminar(app, request);
    if (!seminar) return render_error(app, 404, &request);
    view::Value context = seminar_value(lang, *seminar, MaterialsShown::public_only);
    PageMeta meta;
    meta.title = core::translate(lang, "Check your e-mail");
    meta.nav = "seminars";
    return render_page(app, request, lang, "seminars/sent", std::move(context), meta);
  });
}

}  // namespace rynek::web
