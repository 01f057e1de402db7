#include "web/admin/seminars_list.hpp"

#include "content/editing.hpp"
#include "core/i18n.hpp"
#include "events/registration.hpp"
#include "web/admin/access.hpp"
#include "web/admin/articles_delete.hpp"
#include "web/admin/articles_form.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
namespace {

http::Response seminars_page(App& app, http::Request& request, const Session& session) {
  const bool organiser = session.account.role == accounts::Role::organiser;
  auto rows = app.db.read([&](store::Connection& db) {
    static const std::string all =
        "SELECT s.id, s.slug, s.title, s.starts_at, s.ends_at, s.status, s.published_at FROM seminars s"
        " ORDER BY s.starts_at DESC";
    static const std::string assigned =
        "SELECT s.id, s.slug, s.title, s.starts_at, s.ends_at, s.status, s.published_at FROM seminars s"
        " JOIN seminar_organisers o ON o.seminar_id = s.id WHERE o.account_id = ?"
        " ORDER BY s.starts_at DESC";
    auto found = organiser ? db.query(assigned, {session.account.id}) : db.query(all);
    std::vector<std::pair<store::Row, events::SeminarCounts>> result;
    for (auto& row : found) {
      auto counts = events::count_registrations(db, row.integer(0));
      result.emplace_back(std::move(row), counts);
    }
    return result;
  });
  const auto lang = request_language(app, request);
  const auto now = core::Clock::now();
  view::Value::List seminars;
  for (const auto& [row, counts] : rows) {
    view::Value item;
    auto id = std::to_string(row.integer(0));
    item["title"] = row.text(2);
    auto status = content::parse_status(row.text(5)).value_or(content::ArticleStatus::draft);
    auto published = core::parse_iso8601(row.text(6));
    auto shown = content::display_status(status, published.value_or(now), now);
    item["status"] = status_label(lang, shown);
    item["status_class"] = std::string(content::display_status_name(shown));
    item["is_public"] = shown == content::DisplayStatus::published;
    item["public_url"] = "/seminaria/" + row.text(1);
    item["edit_url"] = "/admin/seminaria/" + id + "/edycja";
    // Only drafts can be deleted (the page says why when it has registrations after all).
    if (status == content::ArticleStatus::draft)
      item["delete_url"] = "/admin/seminaria/" + id + "/usun";
    item["preview_url"] = "/admin/seminaria/" + id + "/podglad";
    item["registrations_url"] = "/admin/seminaria/" + id + "/zgloszenia";
    item["message_url"] = "/admin/seminaria/" + id + "/wiadomosc";
    item["attendance_url"] = "/admin/seminaria/" + id + "/obecnosc";
    auto starts = core::parse_iso8601(row.text(3));
    item["when"] = starts ? core::format_datetime(lang, *starts) : row.text(3);
    item["registered"] = counts.registered;
    item["confirmed"] = counts.confirmed;
    item["waitlisted"] = counts.waitlisted;
    item["pending"] = counts.pending_approval;
    seminars.push_back(std::move(item));
  }
  view::Value context;
  context["has_seminars"] = !seminars.empty();
  context["seminars"] = std::move(seminars);
  context["is_organiser"] = organiser;
  if (auto notice = draft_deleted_notice(lang, request); !notice.empty())
    context["notice"] = notice;
  context["can_edit"] = allows(Access::editors, session.account.role);
  return render_admin_page(app, request, session, "admin/seminars", std::move(context),
                           core::translate(lang, "Seminars"));
}

}  // namespace

std::vector<http::Route> seminar_list_routes(App& app) {
  return {admin_get(app, Access::organisers, "/admin/seminaria", "admin.seminars", seminars_page)};
}

}  // namespace rynek::web::admin
