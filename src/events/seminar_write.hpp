// Private: writing a seminar's rows, shared by the import (seminar_import.cpp)
// and the back office (seminar_editing.cpp), so both store a Seminar the same
// way. All of it runs inside a write job. None of it bumps the content version:
// the callers do, once per change.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "content/editing.hpp"
#include "core/clock.hpp"
#include "events/seminar.hpp"
#include "store/database.hpp"

namespace rynek::events::detail {

// Inserts or, when the slug exists, updates the seminars row (everything the
// files say, never `status`: a new row is published, an existing one keeps its
// status, revision and updated_at — see imported_state). Returns the id and
// whether the row was new.
struct UpsertResult {
  std::int64_t id = 0;
  bool created = false;
};
UpsertResult upsert_seminar_row(store::Connection& db, const Seminar& seminar, core::TimePoint now);

std::int64_t insert_seminar_row(store::Connection& db, const Seminar& seminar,
                                content::ArticleStatus status, core::TimePoint now);
// Every column but status and created_at; adds one to the revision.
void update_seminar_row(store::Connection& db, std::int64_t id, const Seminar& seminar,
                        core::TimePoint now);

// Everything an import writes about a seminar: the row's columns, agenda with
// speakers, form fields, consents, materials. Compared before and after an
// import so that re-importing the same files changes neither the revision nor
// updated_at (an open back-office form must not be told someone saved).
std::vector<store::Row> imported_state(store::Connection& db, std::int64_t id);

// Each replaces that part of the seminar with the rows given, in order.
void write_agenda(store::Connection& db, std::int64_t seminar_id,
                  const std::vector<AgendaItem>& agenda);
void write_fields(store::Connection& db, std::int64_t seminar_id,
                  const std::vector<FormField>& fields);
void write_consents(store::Connection& db, std::int64_t seminar_id,
                    const std::vector<Consent>& consents);
// Records each material's media row too.
void write_materials(store::Connection& db, std::int64_t seminar_id,
                     const std::vector<Material>& materials);

std::string audience_name(Audience audience);  // "public" | "participants", as stored

}  // namespace rynek::events::detail
