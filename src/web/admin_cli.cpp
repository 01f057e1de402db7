#include "web/admin_cli.hpp"

#include <fmt/format.h>

#include <ostream>

#include "events/registration.hpp"
#include "events/seminar.hpp"
#include "mail/status.hpp"
#include "store/database.hpp"

namespace rynek::web {
namespace {

std::unique_ptr<store::Database> open_existing(const core::Config& config) {
  store::OpenOptions options;
  options.url = config.database_url;
  options.migrations_dir = (config.resource_dir / "migrations" / "sqlite").string();
  auto db = store::open_database(options);
  db->migrate();
  return db;
}

}  // namespace

int registrations_list(const core::Config& config, const std::string& seminar_slug,
                       std::ostream& out) {
  auto db = open_existing(config);
  auto seminar = db->read([&](store::Connection& c) {
    auto row = c.query_one("SELECT id FROM seminars WHERE slug = ?", {seminar_slug});
    return row ? std::optional<std::int64_t>(row->integer(0)) : std::nullopt;
  });
  if (!seminar) {
    out << "registrations: no seminar with slug '" << seminar_slug << "'\n";
    return 1;
  }
  auto rows = db->read([&](store::Connection& c) {
    return c.query(
        "SELECT id, state, CASE WHEN confirmed_at IS NULL THEN '' ELSE 'confirmed' END, email, name, created_at"
        " FROM registrations WHERE seminar_id = ? ORDER BY id",
        {*seminar});
  });
  out << fmt::format("{:>6}  {:<17} {:<9}  {:<32} {:<28} {}\n", "id", "state", "", "e-mail", "name",
                     "registered");
  for (const auto& row : rows) {
    out << fmt::format("{:>6}  {:<17} {:<9}  {:<32} {:<28} {}\n", row.integer(0), row.text(1),
                       row.text(2), row.text(3), row.text(4), row.text(5));
  }
  out << rows.size() << " registrations\n";
  db->close();
  return 0;
}

int registrations_change(const core::Config& config, const std::string& action, std::int64_t id,
                         std::ostream& out) {
  auto db = open_existing(config);
  events::ChangeResult result = events::ChangeResult::not_allowed;
  bool found = true;
  db->write_and_wait([&](store::Connection& c) {
    if (!events::find_registration(c, id)) {
      found = false;
      return;
    }
    auto now = core::Clock::now();
    if (action == "approve")
      result = events::approve_registration(c, id, now);
    else if (action == "reject")
      result = events::reject_registration(c, id, now);
    else
      result = events::cancel_registration(c, id, now);
  });
  db->close();
  if (!found) {
    out << "registrations: no registration " << id << "\n";
    return 1;
  }
  switch (result) {
    case events::ChangeResult::done:
      out << "registration " << id << ": " << action << " done; the e-mail is queued\n";
      return 0;
    case events::ChangeResult::already:
      out << "registration " << id << ": nothing to do, already in that state\n";
      return 0;
    case events::ChangeResult::not_allowed:
      out << "registration " << id << ": cannot " << action << " in its current state\n";
      return 1;
  }
  return 1;
}

int mail_status(const core::Config& config, std::ostream& out) {
  auto db = open_existing(config);
  int status = mail::mail_status(*db, out);
  db->close();
  return status;
}

}  // namespace rynek::web
