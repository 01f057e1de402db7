// A real SQLite file with the migrations applied, for the events tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "../store/database_fixture.hpp"
#include "core/clock.hpp"
#include "events/seminar.hpp"
#include "events/seminar_import.hpp"

namespace rynek::events::testing {

namespace fs = std::filesystem;

inline core::TimePoint at(const char* iso) {
  return *core::parse_iso8601(iso);
}

class EventsTest : public store::test::DatabaseTest {
 protected:
  // A seminar on 7 March 2026, 11:00–15:00 Warsaw time (10:00–14:00 UTC).
  static Seminar sample_seminar() {
    Seminar s;
    s.slug = "forum";
    s.title = "Forum";
    s.lead = "Lead";
    s.starts_at = at("2026-03-07T10:00:00Z");
    s.ends_at = at("2026-03-07T14:00:00Z");
    s.published_at = at("2026-02-01T00:00:00Z");
    s.privacy_clause_md = "Klauzula";
    s.privacy_clause_version = "2026-01";
    s.fields.push_back({"organisation", FieldType::text, "Organisation", "", true, {}});
    s.consents.push_back({"newsletter", "Newsletter", "v1", false});
    return s;
  }

  Seminar insert(const Seminar& seminar) {
    PreparedSeminars prepared;
    prepared.seminars.push_back({"test", seminar, std::nullopt, {}});
    int created = 0, updated = 0;
    write([&](store::Connection& c) { write_seminars(c, prepared, created, updated); });
    return *db_->read([&](store::Connection& c) {
      return find_seminar(c, seminar.slug, at("2026-03-01T00:00:00Z"));
    });
  }

  // (kind, to_address) of every outbox row, in order.
  std::vector<std::pair<std::string, std::string>> outbox() {
    return db_->read([](store::Connection& c) {
      std::vector<std::pair<std::string, std::string>> rows;
      for (const auto& row : c.query("SELECT kind, to_address FROM outbox ORDER BY id")) {
        rows.emplace_back(row.text(0), row.text(1));
      }
      return rows;
    });
  }
};

}  // namespace rynek::events::testing
