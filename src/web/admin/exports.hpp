// Registration lists as spreadsheets: CSV (RFC 4180) and XLSX.
//
// Both formats carry the same table, built once from the seminar's form: the
// fixed columns, one per custom field, one per consent. The CSV starts with a
// UTF-8 byte order mark, without which Excel reads Polish letters as Windows-1250
// mojibake. A CSV cell a spreadsheet would read as a formula (=, +, -, @, TAB,
// CR at the start) gets a leading apostrophe, so a registrant who types
// "=HYPERLINK(...)" as their name cannot make the organiser's Excel run it. The
// same holds after every ',', ';' and line break inside a cell (spaces and quotes
// skipped): Excel in a Polish locale splits on ';', so "x;=1+1;y" becomes
// "x;'=1+1;y", and a cell holding ',' or ';' is quoted.
// XLSX cells are written as strings, which Excel never evaluates; they get the
// same apostrophe so that both files read alike.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "events/admin_queries.hpp"
#include "events/seminar.hpp"
#include "http/message.hpp"
#include "web/admin/access.hpp"

namespace rynek::web::admin {

struct ExportTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// "2026-03-07 11:00" in Europe/Warsaw.
std::string warsaw_minutes(core::TimePoint t);

// The neutralised text of one cell (formula injection), before any quoting.
std::string safe_cell(std::string_view text);
// One CSV field: safe_cell, then quoted when it holds a comma, semicolon, quote, CR or LF.
std::string csv_field(std::string_view text);
// BOM, header and rows, each record ending in CRLF.
std::string build_csv(const ExportTable& table);
// The workbook's bytes, written through a temporary file in `scratch_dir`
// (libxlsxwriter writes only to files), which is removed again. nullopt on failure.
std::optional<std::string> build_xlsx(const ExportTable& table,
                                      const std::filesystem::path& scratch_dir);

ExportTable export_table(const events::Seminar& seminar,
                         const std::vector<events::Registration>& registrations,
                         const events::ConsentsGiven& consents);

// "zgloszenia-forum-2026.csv": only [a-z0-9-] from the slug.
std::string export_filename(const events::Seminar& seminar, std::string_view extension);

http::Response registrations_csv(App& app, http::Request& request, const Session& session);
http::Response registrations_xlsx(App& app, http::Request& request, const Session& session);

}  // namespace rynek::web::admin
