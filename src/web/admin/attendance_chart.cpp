#include "web/admin/attendance_chart.hpp"

#include <algorithm>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "events/admin_queries.hpp"
#include "web/admin/registrations.hpp"
#include "web/forms.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
namespace {

constexpr int kWidth = 720;
constexpr int kHeight = 260;
constexpr int kLeft = 40;    // room for the y-axis labels
constexpr int kBottom = 30;  // room for the time labels
constexpr int kTop = 10;

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

}  // namespace

std::vector<PresenceSlot> presence_by_slot(core::TimePoint starts_at, core::TimePoint ends_at,
                                           const std::vector<events::Registration>& attendees,
                                           std::chrono::minutes slot) {
  std::vector<PresenceSlot> slots;
  if (slot.count() <= 0) return slots;
  for (auto at = starts_at; at < ends_at; at += slot) slots.push_back({at, 0});
  for (const auto& person : attendees) {
    if (!person.first_seen_at) continue;
    const auto from = *person.first_seen_at;
    const auto to = std::max(from, person.last_seen_at.value_or(from));
    for (auto& s : slots) {
      const auto slot_end = s.starts_at + slot;
      if (from < slot_end && to >= s.starts_at) ++s.present;
    }
  }
  return slots;
}

std::string attendance_svg(const std::vector<PresenceSlot>& slots, const std::string& lang,
                           const std::string& title, const std::string& description) {
  int peak = 0;
  for (const auto& s : slots) peak = std::max(peak, s.present);
  const int scale = std::max(peak, 1);
  const double plot_width = kWidth - kLeft - 10;
  const double plot_height = kHeight - kTop - kBottom;
  const double bar = slots.empty() ? 0 : plot_width / static_cast<double>(slots.size());
  std::string svg = "<svg class=\"attendance-chart\" role=\"img\" viewBox=\"0 0 " +
                    std::to_string(kWidth) + " " + std::to_string(kHeight) +
                    "\" aria-labelledby=\"attendance-title attendance-desc\""
                    " xmlns=\"http://www.w3.org/2000/svg\">";
  svg += "<title id=\"attendance-title\">" + core::html_escape(title) + "</title>";
  svg += "<desc id=\"attendance-desc\">" + core::html_escape(description) + "</desc>";
  const double base = kTop + plot_height;
  // Axes and the peak gridline.
  svg += "<line x1=\"" + std::to_string(kLeft) + "\" y1=\"" + number(base) + "\" x2=\"" +
         std::to_string(kWidth - 10) + "\" y2=\"" + number(base) + "\" stroke=\"#444\"/>";
  svg += "<line x1=\"" + std::to_string(kLeft) + "\" y1=\"" + std::to_string(kTop) + "\" x2=\"" +
         std::to_string(kLeft) + "\" y2=\"" + number(base) + "\" stroke=\"#444\"/>";
  svg += "<text x=\"" + std::to_string(kLeft - 6) + "\" y=\"" + std::to_string(kTop + 10) +
         "\" text-anchor=\"end\" font-size=\"12\" fill=\"#222\">" + std::to_string(scale) +
         "</text>";
  svg += "<text x=\"" + std::to_string(kLeft - 6) + "\" y=\"" + number(base) +
         "\" text-anchor=\"end\" font-size=\"12\" fill=\"#222\">0</text>";
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const double height = plot_height * slots[i].present / scale;
    const double x = kLeft + bar * static_cast<double>(i);
    svg += "<rect x=\"" + number(x + 0.5) + "\" y=\"" + number(base - height) + "\" width=\"" +
           number(std::max(bar - 1.0, 0.5)) + "\" height=\"" + number(height) +
           "\" fill=\"#1f5f8b\"/>";
    // A time label every hour (every 12th five-minute slot), and at the start.
    if (i % 12 == 0) {
      svg += "<text x=\"" + number(x) + "\" y=\"" + number(base + 18) +
             "\" font-size=\"12\" fill=\"#222\">" + core::format_time(lang, slots[i].starts_at) +
             "</text>";
    }
  }
  svg += "</svg>";
  return svg;
}

std::string format_duration(std::int64_t seconds) {
  const auto minutes = std::max<std::int64_t>(seconds, 0) / 60;
  if (minutes < 60) return std::to_string(minutes) + " min";
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%lld h %02lld min", static_cast<long long>(minutes / 60),
                static_cast<long long>(minutes % 60));
  return buffer;
}

http::Response attendance_page(App& app, http::Request& request, const Session& session) {
  auto seminar = managed_seminar(app, request, session);
  if (!seminar) return render_error(app, 404, &request);
  const auto lang = request_language(app, request);
  auto [people, counts] = app.db.read([&](store::Connection& db) {
    return std::pair(events::attendees(db, seminar->id),
                     events::count_registrations(db, seminar->id));
  });
  const auto slots = presence_by_slot(seminar->starts_at, seminar->ends_at, people);
  std::int64_t total_seconds = 0;
  int peak = 0;
  view::Value::List rows;
  for (const auto& person : people) {
    total_seconds += person.attended_seconds;
    view::Value row;
    row["name"] = person.name;
    row["email"] = person.email;
    row["joined"] = core::format_datetime(lang, *person.first_seen_at);
    row["duration"] = format_duration(person.attended_seconds);
    rows.push_back(std::move(row));
  }
  view::Value::List slot_rows;
  for (const auto& s : slots) {
    peak = std::max(peak, s.present);
    view::Value row;
    row["time"] = core::format_time(lang, s.starts_at);
    row["present"] = s.present;
    slot_rows.push_back(std::move(row));
  }
  const auto title = tr(lang, "Participants present, every 5 minutes");
  const auto description =
      tr(lang,
         "Bar chart: number of participants present in each five-minute period of the seminar. Highest:") +
      " " + std::to_string(peak) + ".";
  view::Value context;
  context["seminar_title"] = seminar->title;
  context["seminar_id"] = std::to_string(seminar->id);
  context["when"] = core::format_datetime(lang, seminar->starts_at);
  context["attendees"] = std::move(rows);
  context["has_attendees"] = !people.empty();
  context["attended"] = static_cast<int>(people.size());
  context["registered"] = counts.registered;
  context["total_time"] = format_duration(total_seconds);
  context["average_time"] = format_duration(
      people.empty() ? 0 : total_seconds / static_cast<std::int64_t>(people.size()));
  context["peak"] = peak;
  context["chart"] = attendance_svg(slots, lang, title, description);
  context["chart_title"] = title;
  context["slots"] = std::move(slot_rows);
  context["csrf"] = session.csrf;
  return render_admin_page(app, request, session, "admin/registrations/attendance",
                           std::move(context), tr(lang, "Attendance") + ": " + seminar->title);
}

}  // namespace rynek::web::admin
