// Rendering the seminar form (seminars_form.hpp). Every input is described here
// as one value (id, label, help, error, kind) and drawn by one partial,
// templates/admin/seminars/input.mustache, so labels, help and error messages
// are linked the same way everywhere (aria-describedby, aria-invalid).
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "view/markdown.hpp"
#include "web/admin/seminars_form.hpp"
#include "web/page.hpp"
#include "web/seminar_view.hpp"

namespace rynek::web::admin {
namespace {

struct Option {
  std::string value;
  std::string label;
};

class Inputs {
 public:
  Inputs(const std::string& lang, const std::vector<FieldError>& errors)
      : lang_(lang), errors_(errors) {}

  // kind: text, textarea, datetime, email, url, number, checkbox, file, radios, select.
  view::Value input(const std::string& id, const char* label, const std::string& value,
                    const std::string& kind, const char* help = nullptr, bool required = false) {
    return input_named(id, core::translate(lang_, label), value, kind,
                       help ? core::translate(lang_, help) : "", required);
  }

  view::Value input_named(const std::string& id, const std::string& label, const std::string& value,
                          const std::string& kind, const std::string& help, bool required) {
    view::Value f;
    f["id"] = id;
    f["name"] = id;
    f["label"] = label;
    f["value"] = kind == "datetime" ? datetime_value(value) : value;
    f["has_help"] = !help.empty();
    f["help"] = help;
    f["required"] = required;
    f["in_row"] = false;
    f["is_" + kind] = true;
    f["is_input"] =
        kind != "textarea" && kind != "checkbox" && kind != "radios" && kind != "select";
    f["type"] = kind == "datetime" ? "datetime-local" : kind;
    f["checked"] = kind == "checkbox" && value == "yes";
    f["has_preview"] = false;
    f["has_options"] = false;
    std::string describedby = help.empty() ? "" : id + "-help";
    f["has_error"] = false;
    for (const auto& error : errors_) {
      // Radio groups are named by their first option's id ("format-online").
      if (error.id != id && !error.id.starts_with(id + "-")) continue;
      f["has_error"] = true;
      f["error"] = error.message;
      describedby += (describedby.empty() ? "" : " ") + id + "-error";
      break;
    }
    f["has_describedby"] = !describedby.empty();
    f["describedby"] = describedby;
    return f;
  }

  view::Value choice(const std::string& id, const char* label, const std::string& value,
                     const std::string& kind, const std::vector<Option>& options) {
    auto f = input(id, label, value, kind);
    view::Value::List list;
    for (const auto& option : options) {
      view::Value o;
      o["value"] = option.value;
      o["label"] = core::translate(lang_, option.label);
      o["option_id"] = id + "-" + option.value;
      o["selected"] = option.value == value;
      list.push_back(std::move(o));
    }
    f["options"] = std::move(list);
    f["has_options"] = true;
    return f;
  }

 private:
  // datetime-local inputs need "YYYY-MM-DDTHH:MM"; anything else is shown as typed.
  static std::string datetime_value(std::string value) {
    if (value.size() == 16 && value[10] == ' ') value[10] = 'T';
    return value;
  }

  const std::string& lang_;
  const std::vector<FieldError>& errors_;
};

const std::vector<Option>& field_types() {
  static const std::vector<Option> types = {
      {"text", core::N_("Short text")},
      {"textarea", core::N_("Long text")},
      {"email", core::N_("E-mail address")},
      {"phone", core::N_("Phone number")},
      {"select", core::N_("One choice from a list")},
      {"multiselect", core::N_("Several choices from a list")},
      {"checkbox", core::N_("Checkbox (yes/no)")}};
  return types;
}

view::Value row(const std::string& lang, const char* legend, std::size_t index,
                view::Value::List inputs) {
  view::Value r;
  auto text = core::translate(lang, legend);
  if (auto at = text.find("%1%"); at != std::string::npos)
    text.replace(at, 3, std::to_string(index + 1));
  r["legend"] = text;
  // Every row has a "Title", a "Start"...: the row's name, hidden after each
  // label, keeps the accessible names apart ("Title – Agenda item 2") in a
  // screen reader's list of fields, where the legend is not read.
  for (auto& input : inputs) {
    input["in_row"] = true;
    input["row_name"] = text;
  }
  r["inputs"] = std::move(inputs);
  return r;
}

std::string flag(bool value) {
  return value ? "yes" : "";
}

view::Value::List agenda_rows(const std::string& lang, Inputs& in, const SeminarFormInput& values) {
  view::Value::List rows;
  const auto total = values.agenda.size() + static_cast<std::size_t>(values.blank_rows);
  for (std::size_t i = 0; i < total; ++i) {
    const AgendaRow blank;
    const auto& r = i < values.agenda.size() ? values.agenda[i] : blank;
    const auto p = "agenda_" + std::to_string(i) + "_";
    rows.push_back(row(
        lang, core::N_("Agenda item %1%"), i,
        {in.input(p + "starts", core::N_("Start"), r.starts, "text",
                  core::N_("HH:MM on the seminar's first day, or YYYY-MM-DD HH:MM."), true),
         in.input(p + "ends", core::N_("End"), r.ends, "text", core::N_("Optional, as the start.")),
         in.input(p + "title", core::N_("Title"), r.title, "text", nullptr, true),
         in.input(p + "description", core::N_("Description"), r.description, "textarea"),
         in.input(p + "speakers", core::N_("Speakers"), r.speakers, "textarea",
                  core::N_("One per line: name; affiliation; city.")),
         in.input(p + "remove", core::N_("Remove this item"), flag(r.remove), "checkbox")}));
  }
  return rows;
}

view::Value::List field_rows(const std::string& lang, Inputs& in, const SeminarFormInput& values) {
  view::Value::List rows;
  const auto total = values.fields.size() + static_cast<std::size_t>(values.blank_rows);
  for (std::size_t i = 0; i < total; ++i) {
    const FieldRow blank;
    const auto& r = i < values.fields.size() ? values.fields[i] : blank;
    const auto p = "fields_" + std::to_string(i) + "_";
    rows.push_back(row(
        lang, core::N_("Form field %1%"), i,
        {in.input(p + "label", core::N_("Question"), r.label, "text", nullptr, true),
         in.input(
             p + "key", core::N_("Key"), r.key, "text",
             core::N_(
                 "Optional: a-z, 0-9 and _; made from the question when empty. Answers are stored under it.")),
         in.choice(p + "type", core::N_("Type"), r.type, "select", field_types()),
         in.input(p + "help", core::N_("Help text"), r.help, "text"),
         in.input(p + "required", core::N_("An answer is required"), flag(r.required), "checkbox"),
         in.input(p + "options", core::N_("Options"), r.options, "textarea",
                  core::N_("For a choice from a list: one option per line.")),
         in.input(p + "remove", core::N_("Remove this field"), flag(r.remove), "checkbox")}));
  }
  return rows;
}

view::Value::List consent_rows(const std::string& lang, Inputs& in,
                               const SeminarFormInput& values) {
  view::Value::List rows;
  const auto total = values.consents.size() + static_cast<std::size_t>(values.blank_rows);
  for (std::size_t i = 0; i < total; ++i) {
    const ConsentRow blank;
    const auto& r = i < values.consents.size() ? values.consents[i] : blank;
    const auto p = "consents_" + std::to_string(i) + "_";
    rows.push_back(row(
        lang, core::N_("Consent %1%"), i,
        {in.input(p + "text", core::N_("Text of the consent"), r.text, "textarea", nullptr, true),
         in.input(p + "key", core::N_("Key"), r.key, "text",
                  core::N_("Optional: a-z, 0-9 and _; made from the text when empty.")),
         in.input(
             p + "version", core::N_("Version"), r.version, "text",
             core::N_("Changed automatically when the text changes. Empty for a new consent: 1.")),
         in.input(p + "required", core::N_("Required to register"), flag(r.required), "checkbox"),
         in.input(p + "remove", core::N_("Remove this consent"), flag(r.remove), "checkbox")}));
  }
  return rows;
}

// Markdown over the form's maximum is not rendered (check_before_preview says so).
void add_preview(view::Value& input, const std::string& markdown) {
  if (markdown.size() > 200'000) return;
  input["has_preview"] = true;
  input["preview_html"] = view::render_markdown(markdown);
}

}  // namespace

http::Response render_seminar_form(const App& app, const http::Request& request,
                                   const Session& session, const SeminarFormInput& v,
                                   const std::optional<events::EditableSeminar>& existing,
                                   const std::vector<FieldError>& errors,
                                   const SeminarFormExtras& extras, int status) {
  const auto lang = request_language(app, request);
  const auto now = core::Clock::now();
  Inputs in(lang, errors);
  view::Value context;
  auto description = in.input(
      "description", core::N_("Description"), v.description, "textarea",
      core::N_(
          "Markdown: **bold**, *italics*, [link](https://example.org), lists with \"-\", headings with \"##\"."));
  auto privacy = in.input(
      "privacy_text", core::N_("Information clause (RODO art. 13)"), v.privacy_text, "textarea",
      core::N_(
          "Markdown. Shown with the registration form; its version is stored with each registration."),
      true);
  if (extras.preview) {
    add_preview(description, v.description);
    add_preview(privacy, v.privacy_text);
  }
  context["basics"] = view::Value::List{
      in.input("title", core::N_("Title"), v.title, "text", nullptr, true),
      in.input(
          "slug", core::N_("Address (slug)"), v.slug, "text",
          core::N_(
              "The last part of the seminar's address. Leave empty to make it from the title.")),
      in.input("lead", core::N_("Lead"), v.lead, "textarea"), description,
      in.input("published_at", core::N_("Publication time"), v.published_at, "datetime",
               core::N_("Warsaw time. A future time schedules the seminar. Empty: now."))};
  context["hero_inputs"] = view::Value::List{
      in.input("hero", core::N_("New image"), "", "file",
               core::N_("PNG, JPEG, WebP or GIF, at most 10 MB and 40 megapixels.")),
      in.input(
          "hero_alt", core::N_("Image description (alternative text)"), v.hero_alt, "text",
          core::N_(
              "Required when there is an image: what it shows, for people who cannot see it."))};
  context["remove_hero"] = v.remove_hero;
  context["time_place"] = view::Value::List{
      in.input("starts", core::N_("Start"), v.starts, "datetime", core::N_("Warsaw time."), true),
      in.input("ends", core::N_("End"), v.ends, "datetime", core::N_("Warsaw time."), true),
      in.choice("format", core::N_("Format"), v.format, "radios",
                {{"online", core::N_("Online")},
                 {"hybrid", core::N_("Hybrid")},
                 {"onsite", core::N_("On-site")}}),
      in.input("venue", core::N_("Venue"), v.venue, "text",
               core::N_("Required for a hybrid or on-site seminar."))};
  context["broadcast"] = view::Value::List{
      in.input("broadcast_url", core::N_("Broadcast address"), v.broadcast_url, "url",
               core::N_("YouTube, Vimeo, Facebook, or an HLS .m3u8 stream; https:// only.")),
      in.choice(
          "broadcast_visibility", core::N_("Who may watch"), v.broadcast_visibility, "radios",
          {{"participants", core::N_("Registered participants (through their personal link)")},
           {"public", core::N_("Everyone (also on the seminar's page)")}}),
      in.input("recording_url", core::N_("Recording address"), v.recording_url, "url",
               core::N_("Shown after the end; https:// only."))};
  context["registration"] = view::Value::List{
      in.input("capacity", core::N_("Places"), v.capacity, "number",
               core::N_("Empty: no limit and no waiting list.")),
      in.input("registration_opens", core::N_("Registration opens"), v.registration_opens,
               "datetime", core::N_("Warsaw time. Empty: at publication.")),
      in.input("registration_closes", core::N_("Registration closes"), v.registration_closes,
               "datetime", core::N_("Warsaw time. Empty: at the start.")),
      in.input("requires_approval", core::N_("Registrations wait for the organiser's approval"),
               flag(v.requires_approval), "checkbox"),
      in.input(
          "confirm_within_hours", core::N_("Confirmation within (hours)"), v.confirm_within_hours,
          "number",
          core::N_("Empty: no deadline. Otherwise an unconfirmed place goes to the waiting list.")),
      in.input("contact_email", core::N_("Contact e-mail"), v.contact_email, "email"),
      privacy,
      in.input(
          "privacy_version", core::N_("Version of the clause"), v.privacy_version, "text",
          core::N_("Changed automatically when the text changes. Empty for a new seminar: 1."))};
  context["agenda_rows"] = agenda_rows(lang, in, v);
  context["field_rows"] = field_rows(lang, in, v);
  context["consent_rows"] = consent_rows(lang, in, v);
  if (!extras.notice.empty()) {
    // Only the edit page after a redirect sets a notice: it confirms a save.
    context["notice"] = extras.notice;
    context["notice_class"] = "notice-success";
  }
  context["hero_dropped"] = extras.hero_dropped;
  add_conflict(context, extras.conflict);
  context["revision"] = v.revision;
  // Errors on a whole repeating section (too many rows).
  for (const char* section : {"agenda", "fields", "consents"}) {
    for (const auto& error : errors) {
      if (error.id == section) {
        context[std::string(section) + "_error"] = error.message;
        break;
      }
    }
  }
  context["is_preview"] = extras.preview;
  add_error_summary(context, lang, errors);
  std::string heading;
  if (existing) {
    const auto& s = existing->seminar;
    const std::string base = "/admin/seminaria/" + std::to_string(s.id);
    auto shown = content::display_status(existing->status, s.published_at, now);
    context["is_existing"] = true;
    context["action"] = base + "/edycja";
    context["preview_url"] = base + "/podglad";
    context["registrations_url"] = base + "/zgloszenia";
    context["material_action"] = base + "/materialy";
    context["status"] = status_label(lang, shown);
    context["status_class"] = std::string(content::display_status_name(shown));
    context["can_unpublish"] = existing->status == events::SeminarStatus::published;
    if (existing->status == events::SeminarStatus::draft) context["delete_url"] = base + "/usun";
    context["has_registrations"] = existing->has_registrations;
    if (shown == content::DisplayStatus::published) context["public_url"] = seminar_url(s);
    if (s.hero_sha256) {
      context["hero_url"] = "/media/" + *s.hero_sha256 + "/image";
      context["current_hero_alt"] = s.hero_alt;
    }
    view::Value::List files;
    for (const auto& material : existing->materials) {
      const auto& m = material.file;
      auto file = stored_file_item(lang, {m.title, m.filename, m.sha256, m.content_type, m.size},
                                   base + "/materialy/" + std::to_string(material.id) + "/usun");
      file["for_participants"] = m.audience == events::Audience::participants;
      files.push_back(std::move(file));
    }
    for (const auto& error : errors) {
      if (error.id == "material_title" || error.id == "material_file")
        context[error.id + "_error"] = error.message;
    }
    context["has_materials"] = !files.empty();
    context["materials"] = std::move(files);
    heading = core::translate(lang, "Edit seminar") + ": " + s.title;
  } else {
    context["action"] = "/admin/seminaria/nowy";
    heading = core::translate(lang, "New seminar");
  }
  context["heading"] = heading;
  return render_admin_page(app, request, session, "admin/seminars/form", std::move(context),
                           heading, status);
}

}  // namespace rynek::web::admin
