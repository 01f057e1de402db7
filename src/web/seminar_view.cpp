#include "web/seminar_view.hpp"

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "http/url.hpp"
#include "view/markdown.hpp"
#include "web/page.hpp"

namespace rynek::web {
namespace {

std::string zone_note(const std::string& lang) {
  return "(" + core::translate(lang, "Warsaw time") + ")";
}

std::string media_url(const std::string& sha256, const std::string& filename) {
  return "/media/" + sha256 + "/" + http::encode_component(filename);
}

std::string_view format_label(events::Format format) {
  switch (format) {
    case events::Format::online:
      return core::N_("Online");
    case events::Format::hybrid:
      return core::N_("Hybrid: on site and online");
    case events::Format::onsite:
      return core::N_("On site");
  }
  return "Online";
}

}  // namespace

std::string seminar_url(const events::Seminar& seminar) {
  return "/seminaria/" + seminar.slug;
}

std::string seminar_when(const std::string& lang, const events::Seminar& seminar) {
  std::string text = core::format_datetime(lang, seminar.starts_at);
  bool same_day =
      core::format_date(lang, seminar.starts_at) == core::format_date(lang, seminar.ends_at);
  text += same_day ? "–" + core::format_time(lang, seminar.ends_at)
                   : " – " + core::format_datetime(lang, seminar.ends_at);
  return text + " " + zone_note(lang);
}

RegistrationWindow registration_window(const events::Seminar& seminar, core::TimePoint now) {
  auto opens = seminar.registration_opens_at.value_or(seminar.published_at);
  auto closes = seminar.registration_closes_at.value_or(seminar.starts_at);
  if (now < opens) return RegistrationWindow::not_yet;
  if (now >= closes) return RegistrationWindow::closed;
  return RegistrationWindow::open;
}

HeroImages seminar_heroes(store::Connection& db, const content::MediaStore& media,
                          const std::vector<events::Seminar>& seminars) {
  std::vector<std::string> hashes;
  for (const auto& seminar : seminars) {
    if (seminar.hero_sha256) hashes.push_back(*seminar.hero_sha256);
  }
  return content::find_responsive_images(db, media, hashes);
}

view::Value seminar_value(const std::string& lang, const events::Seminar& seminar,
                          MaterialsShown materials, const HeroImages& images) {
  view::Value value;
  value["slug"] = seminar.slug;
  value["url"] = seminar_url(seminar);
  value["title"] = seminar.title;
  value["lead"] = seminar.lead;
  value["description_html"] = view::render_markdown(seminar.description_md);
  value["when"] = seminar_when(lang, seminar);
  value["date"] = core::format_date(lang, seminar.starts_at);
  value["starts_iso"] = core::format_iso8601(seminar.starts_at);
  value["ends_iso"] = core::format_iso8601(seminar.ends_at);
  value["format"] = core::translate(lang, format_label(seminar.format));
  value["is_online"] = seminar.format != events::Format::onsite;
  value["venue"] = seminar.venue;
  value["contact_email"] = seminar.contact_email;
  set_hero(value, seminar.hero_sha256, seminar.hero_alt, images);
  view::Value::List agenda;
  for (const auto& item : seminar.agenda) {
    view::Value entry;
    entry["time"] = core::format_time(lang, item.starts_at);
    entry["time_iso"] = core::format_iso8601(item.starts_at);
    if (item.ends_at) entry["end_time"] = core::format_time(lang, *item.ends_at);
    entry["title"] = item.title;
    entry["description"] = item.description;
    view::Value::List speakers;
    for (const auto& speaker : item.speakers) {
      view::Value person;
      person["name"] = speaker.name;
      person["affiliation"] = speaker.affiliation;
      person["city"] = speaker.city;
      speakers.push_back(std::move(person));
    }
    entry["has_speakers"] = !speakers.empty();
    entry["speakers"] = std::move(speakers);
    agenda.push_back(std::move(entry));
  }
  value["has_agenda"] = !agenda.empty();
  value["agenda"] = std::move(agenda);
  view::Value::List files;
  for (const auto& material : seminar.materials) {
    if (materials == MaterialsShown::public_only && material.audience != events::Audience::everyone)
      continue;
    view::Value file;
    file["title"] = material.title;
    file["url"] = media_url(material.sha256, material.filename);
    file["type"] = content_type_label(material.content_type);
    file["size"] = core::format_size(static_cast<std::uint64_t>(material.size), lang);
    file["for_participants"] = material.audience == events::Audience::participants;
    files.push_back(std::move(file));
  }
  value["has_materials"] = !files.empty();
  value["materials"] = std::move(files);
  return value;
}

}  // namespace rynek::web
