#include "web/admin/articles_form.hpp"

#include <unicode/timezone.h>

#include <cstdio>
#include <memory>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
namespace {

constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxSlug = core::kMaxSlugLength;
constexpr std::size_t kMaxLead = 1000;
constexpr std::size_t kMaxBody = 200'000;
constexpr std::size_t kMaxTag = 60;
constexpr std::size_t kMaxTags = 20;

std::string field_value(const http::Multipart& form, std::string_view name) {
  const auto* part = form.find(name);
  return part && !part->filename ? part->body : std::string();
}

bool has_control(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

std::string warsaw_local(core::TimePoint t) {
  static const std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone("Europe/Warsaw"));
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone->getOffset(static_cast<UDate>(t.time_since_epoch().count()) * 1000.0, false, raw, dst,
                  status);
  const auto local = t + (U_FAILURE(status) ? std::chrono::seconds(3600)
                                            : std::chrono::seconds((raw + dst) / 1000));
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{local - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02d:%02d", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()));
  return buffer;
}

std::optional<core::TimePoint> parse_warsaw_local(std::string_view text) {
  text = core::trim(text);
  // Exactly "YYYY-MM-DD HH:MM" (or with 'T'): no offsets, no seconds.
  if (text.size() != 16 || (text[10] != ' ' && text[10] != 'T')) return std::nullopt;
  auto parsed = core::parse_iso8601(text);
  if (!parsed) return std::nullopt;
  // A wall time that does not exist in Warsaw (the hour skipped in spring, e.g.
  // 2026-03-29 02:30) would silently become another time: refuse it.
  std::string typed(text);
  typed[10] = ' ';
  if (warsaw_local(*parsed) != typed) return std::nullopt;
  return parsed;
}

ArticleFormInput read_article_form(const http::Multipart& form) {
  ArticleFormInput input;
  input.title = std::string(core::trim(field_value(form, "title")));
  input.slug = std::string(core::trim(field_value(form, "slug")));
  input.lead = normalise_newlines(std::string(core::trim(field_value(form, "lead"))));
  input.body = normalise_newlines(field_value(form, "body"));
  input.tags = field_value(form, "tags");
  input.published_at = std::string(core::trim(field_value(form, "published_at")));
  input.hero_alt = std::string(core::trim(field_value(form, "hero_alt")));
  input.action = field_value(form, "action");
  input.revision = std::string(core::trim(field_value(form, "revision")));
  input.remove_hero = field_value(form, "remove_hero") == "yes";
  if (const auto* hero = form.find("hero"); hero && hero->filename) input.hero_bytes = hero->body;
  return input;
}

ArticleFormInput form_from_article(const content::EditableArticle& article) {
  ArticleFormInput input;
  input.title = article.fields.title;
  input.slug = article.fields.slug;
  input.lead = article.fields.lead;
  input.body = article.fields.body_md;
  for (const auto& tag : article.fields.tags) input.tags += (input.tags.empty() ? "" : ", ") + tag;
  input.published_at = warsaw_local(article.fields.published_at);
  input.hero_alt = article.fields.hero_alt;
  input.revision = std::to_string(article.revision);
  return input;
}

std::vector<FieldError> validate_article_form(
    const std::string& lang, const ArticleFormInput& input,
    const std::optional<content::EditableArticle>& existing, core::TimePoint now,
    content::ArticleFields& out) {
  std::vector<FieldError> errors;
  auto error = [&](const char* id, const char* message) {
    errors.push_back({id, core::translate(lang, message)});
  };
  out.title = input.title;
  if (input.title.empty()) {
    error("title", core::N_("Enter a title."));
  } else if (input.title.size() > kMaxTitle || has_control(input.title)) {
    error("title", core::N_("The title must be at most 200 characters long, on one line."));
  }
  out.slug = input.slug.empty() ? core::slugify(input.title) : input.slug;
  if (out.slug.size() > kMaxSlug) out.slug = out.slug.substr(0, kMaxSlug);
  while (!out.slug.empty() && out.slug.back() == '-') out.slug.pop_back();
  if (!input.title.empty() && !core::is_slug(out.slug)) {
    error("slug",
          core::N_("The address may contain only lower-case letters a–z, digits and hyphens."));
  }
  out.lead = input.lead;
  if (input.lead.size() > kMaxLead)
    error("lead", core::N_("The lead must be at most 1000 characters long."));
  out.body_md = input.body;
  if (input.body.size() > kMaxBody) error("body", core::N_("The text is too long."));
  out.tags = split_trimmed(input.tags, ',');
  bool bad_tag = out.tags.size() > kMaxTags;
  for (const auto& tag : out.tags)
    bad_tag = bad_tag || tag.size() > kMaxTag || core::slugify(tag).empty() || has_control(tag);
  if (bad_tag)
    error(
        "tags",
        core::N_(
            "Separate tags with commas; each tag needs letters or digits and at most 60 characters."));
  if (input.published_at.empty()) {
    out.published_at = existing ? existing->fields.published_at : now;
  } else if (auto when = parse_warsaw_local(input.published_at)) {
    // The form shows minutes; the stored time may have seconds (published "now").
    // The same minute sent back is the stored time, not a change.
    const bool same_minute = existing && *when == std::chrono::floor<std::chrono::minutes>(
                                                      existing->fields.published_at);
    out.published_at = same_minute ? existing->fields.published_at : *when;
  } else {
    error(
        "published_at",
        core::N_("Enter the publication time as YYYY-MM-DD HH:MM, for example 2026-03-07 11:00."));
  }
  out.hero_sha256 = existing && !input.remove_hero ? existing->fields.hero_sha256 : std::nullopt;
  bool hero_present = out.hero_sha256.has_value() || !input.hero_bytes.empty();
  out.hero_alt = hero_present ? input.hero_alt : "";
  if (hero_present && input.hero_alt.empty()) {
    error("hero_alt", core::N_("Describe the image for people who cannot see it."));
  } else if (input.hero_alt.size() > 300 || has_control(input.hero_alt)) {
    error("hero_alt",
          core::N_("The image description must be at most 300 characters long, on one line."));
  }
  return errors;
}

}  // namespace rynek::web::admin
