// Saving seminars and their materials (POST handlers of seminars_edit.hpp).
//
// In the three steps of admin/post_state.hpp, as for articles
// (articles_save.cpp); the write job goes through web::write_content.
// "preview" and "more_rows" only render the form again and store nothing.
//
// Lost updates: the form carries the revision it was opened with; the write
// job compares it with the stored one (content::check_revision) and, when
// someone saved in between or the form sent none, writes nothing and shows the
// editor's values again with a 409 and a link to the saved seminar (materials
// are added and removed one by one, unchecked, but they raise the revision).
#include <boost/json.hpp>

#include "accounts/audit.hpp"
#include "content/images.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "events/seminar_editing.hpp"
#include "web/admin/post_state.hpp"
#include "web/admin/seminars_edit.hpp"
#include "web/admin/seminars_form.hpp"
#include "web/admin/uploads.hpp"
#include "web/content_write.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
namespace {

using SeminarPost = PostState<events::EditableSeminar>;

struct SeminarSave {
  std::shared_ptr<SeminarPost> state;
  SeminarFormInput input;
  events::Seminar seminar;
  std::vector<VersionChange> versions;
  std::optional<StoredImage> image;
  content::RevisionCheck conflict = content::RevisionCheck::current;  // set in the write job
  bool gone = false;  // deleted (a draft) after the form was read: set in the write job
};

// A chosen image cannot be kept across a re-render (a file input starts
// empty): every re-render that drops one says so.
void render_with_errors(const SeminarSave& save, const std::vector<FieldError>& errors,
                        int status) {
  auto& state = *save.state;
  SeminarFormExtras extras;
  extras.conflict = save.conflict;
  extras.hero_dropped = !save.input.hero_bytes.empty() || save.image.has_value();
  auto input = save.input;
  input.hero_bytes.clear();
  state.respond(render_seminar_form(state.app, state.request, state.session, input, state.existing,
                                    errors, extras, status));
}

void write_seminar(std::shared_ptr<SeminarSave> save) {
  auto& state = *save->state;
  auto saved_id = std::make_shared<std::int64_t>(state.id.value_or(0));
  auto job = [save, saved_id](store::Connection& db) {
    auto& st = *save->state;
    const auto now = core::Clock::now();
    if (st.existing) {
      const auto stored = events::seminar_revision(db, *st.id);
      if (!stored) {
        save->gone = true;
        return;
      }
      save->conflict = check_form_revision(save->input.revision, *stored);
      if (save->conflict != content::RevisionCheck::current) return;
    }
    auto seminar = save->seminar;
    if (save->image) seminar.hero_sha256 = record_image(db, *save->image);
    const auto& action = save->input.action;
    boost::json::object details;
    std::string audit_action;
    if (!st.existing) {
      auto status =
          action == "publish" ? events::SeminarStatus::published : events::SeminarStatus::draft;
      *saved_id = events::create_seminar(db, seminar, status, now);
      details["title"] = seminar.title;
      details["slug"] = seminar.slug;
      details["status"] = std::string(content::status_name(status));
      audit_action = "seminar.create";
    } else {
      merge_into(details, events::update_seminar(db, *st.id, seminar, now).value_or(""));
      audit_action = "seminar.update";
      if (action == "publish" || action == "unpublish") {
        auto status = action == "publish" ? events::SeminarStatus::published
                                          : events::SeminarStatus::unpublished;
        merge_into(details,
                   events::set_seminar_status(db, *st.id, status, std::nullopt, now).value_or(""));
        audit_action = "seminar." + action;
      }
    }
    if (!save->versions.empty()) {
      boost::json::object versions;
      for (const auto& change : save->versions) versions[change.what] = change.version;
      details["new_versions"] = std::move(versions);
    }
    if (!details.empty()) {
      accounts::record_audit(db, st.session.account.id, audit_action, "seminar", *saved_id,
                             seminar.title, boost::json::serialize(details), now);
    }
  };
  auto done = [save, saved_id](store::WriteOutcome outcome) {
    auto& st = *save->state;
    if (outcome.ok && save->gone) {
      respond_error(st, 404);
    } else if (outcome.ok && save->conflict != content::RevisionCheck::current) {
      render_with_errors(*save, {}, 409);
    } else if (outcome.ok) {
      // The notice after the redirect names what happened: published is not "saved".
      const auto& action = save->input.action;
      const char* saved = !save->versions.empty() ? "wersje"
                          : action == "publish"   ? "opublikowano"
                          : action == "unpublish" ? "wycofano"
                                                  : "1";
      st.respond(http::Response::redirect(
          303, "/admin/seminaria/" + std::to_string(*saved_id) + "/edycja?zapisano=" + saved));
    } else if (outcome.error == store::DbErrc::unique_violation) {
      render_with_errors(
          *save, {{"slug", core::translate(st.lang, "Another seminar already has this address.")}},
          409);
    } else {
      spdlog::error("admin: saving seminar failed: {}", outcome.message);
      respond_error(st, 503);
    }
  };
  write_content(state.app, std::move(job), std::move(done));
}

}  // namespace

void seminar_save(App& app, http::Request& request, const Session& session,
                  http::Responder respond) {
  std::string body;
  auto state = start_post<events::EditableSeminar>(app, request, session, std::move(respond), body);
  if (!load_existing(*state, events::load_seminar_for_editing)) return;
  auto form = parse_multipart_body(*state, body, {.max_parts = kSeminarFormMaxParts});
  if (!form) return;
  auto save =
      std::make_shared<SeminarSave>(SeminarSave{state, read_seminar_form(*form), {}, {}, {}, {}});
  form.reset();
  body.clear();
  auto& input = save->input;
  const auto& action = input.action;
  if (action == "more_rows" || action == "preview") {
    SeminarFormExtras extras;
    auto errors = check_before_preview(state->lang, input);
    extras.preview = action == "preview";
    extras.hero_dropped = !input.hero_bytes.empty();
    if (action == "more_rows") input.blank_rows = std::min(input.blank_rows + 3, 30);
    input.hero_bytes.clear();
    return state->respond(render_seminar_form(app, state->request, state->session, input,
                                              state->existing, errors, extras,
                                              errors.empty() ? 200 : 422));
  }
  if (action != "save" && action != "publish" && !(action == "unpublish" && state->existing)) {
    return respond_error(*state, 400);
  }
  const auto now = core::Clock::now();
  UsedVersions used;
  if (state->existing) {
    used = app.db.read([&](store::Connection& db) {
      return UsedVersions{events::used_consent_versions(db, *state->id),
                          events::used_privacy_versions(db, *state->id)};
    });
  }
  auto errors = validate_seminar_form(state->lang, input, state->existing, now, save->seminar,
                                      save->versions, used);
  if (action == "publish" && input.published_at.empty()) save->seminar.published_at = now;
  if (!errors.empty()) return render_with_errors(*save, errors, 422);
  store_hero_then_write(
      save, write_seminar,
      [](const std::shared_ptr<SeminarSave>& refused, const std::string& refusal) {
        render_with_errors(*refused, {{"hero", core::translate(refused->state->lang, refusal)}},
                           422);
      },
      [state] { respond_error(*state, 503); });
}

void seminar_material_add(App& app, http::Request& request, const Session& session,
                          http::Responder respond) {
  std::string body;
  auto state = start_post<events::EditableSeminar>(app, request, session, std::move(respond), body);
  if (!load_existing(*state, events::load_seminar_for_editing)) return;
  auto form = parse_multipart_body(*state, body, {.max_parts = 16});
  if (!form) return;
  auto text = [&](const char* name) {
    const auto* part = form->find(name);
    return std::string(core::trim(part && !part->filename ? part->body : ""));
  };
  auto title = text("title");
  auto audience_name = text("audience");
  const auto* file = form->find("file");
  std::vector<FieldError> errors;
  if (title.empty() || title.size() > 200 || title.find_first_of("\r\n") != std::string::npos) {
    errors.push_back(
        {"material_title",
         core::translate(state->lang, "Enter the material's title (at most 200 characters).")});
  }
  auto audience = events::Audience::everyone;
  if (audience_name == "participants") {
    audience = events::Audience::participants;
  } else if (audience_name != "public" && !audience_name.empty()) {
    errors.push_back({"material_audience-public",
                      core::translate(state->lang, "Choose who may download the material.")});
  }
  if (!file || !file->filename || file->body.empty()) {
    errors.push_back({"material_file", core::translate(state->lang, "Choose a file.")});
  }
  auto render = [state](std::vector<FieldError> shown, int status) {
    state->respond(render_seminar_form(state->app, state->request, state->session,
                                       form_from_seminar(*state->existing), state->existing, shown,
                                       {}, status));
  };
  if (!errors.empty()) return render(std::move(errors), 422);
  std::string filename = file->filename->empty() ? "file" : *file->filename;
  auto bytes = std::make_shared<std::string>(file->body);
  form.reset();
  bool queued = run_off_io_thread(state->app, [state, bytes, title, filename, audience, render] {
    auto stored = store_attachment_upload(state->app, *bytes);
    bytes->clear();
    if (auto* refusal = std::get_if<std::string>(&stored)) {
      return render({{"material_file", core::translate(state->lang, *refusal)}}, 422);
    }
    auto media = std::get<content::StoredMedia>(stored);
    write_content(
        state->app,
        [state, media, title, filename, audience](store::Connection& db) {
          const auto now = core::Clock::now();
          auto id = events::add_material(db, *state->id, title, filename, audience, media, now);
          boost::json::object details;
          details["material_id"] = id;
          details["title"] = title;
          details["filename"] = filename;
          details["audience"] =
              audience == events::Audience::participants ? "participants" : "public";
          details["sha256"] = media.sha256;
          details["content_type"] = media.content_type;
          accounts::record_audit(db, state->session.account.id, "seminar.material_add", "seminar",
                                 *state->id, state->existing->seminar.title,
                                 boost::json::serialize(details), now);
        },
        [state](store::WriteOutcome outcome) {
          if (!outcome.ok) {
            spdlog::error("admin: adding a material failed: {}", outcome.message);
            return respond_error(*state, 503);
          }
          state->respond(
              http::Response::redirect(303, "/admin/seminaria/" + std::to_string(*state->id) +
                                                "/edycja?zapisano=material#materials-title"));
        });
  });
  if (!queued) respond_error(*state, 503);
}

void seminar_material_remove(App& app, http::Request& request, const Session& session,
                             http::Responder respond) {
  std::string body;
  auto state = start_post<events::EditableSeminar>(app, request, session, std::move(respond), body);
  if (!load_existing(*state, events::load_seminar_for_editing)) return;
  auto file_id = id_param(state->request, "file");
  if (!file_id) return respond_error(*state, 404);
  write_content(
      state->app,
      // False: another seminar's material, or already gone (404).
      [state, file_id](store::Connection& db) {
        const auto now = core::Clock::now();
        if (!events::remove_material(db, *state->id, *file_id, now)) return false;
        boost::json::object details;
        details["material_id"] = *file_id;
        accounts::record_audit(db, state->session.account.id, "seminar.material_remove", "seminar",
                               *state->id, state->existing->seminar.title,
                               boost::json::serialize(details), now);
        return true;
      },
      [state](store::Result<bool> removed) {
        if (!removed) {
          spdlog::error("admin: removing a material failed: {}", removed.failure().message);
          return respond_error(*state, 503);
        }
        if (!*removed) return respond_error(*state, 404);
        state->respond(
            http::Response::redirect(303, "/admin/seminaria/" + std::to_string(*state->id) +
                                              "/edycja?zapisano=usunieto#materials-title"));
      });
}

}  // namespace rynek::web::admin
