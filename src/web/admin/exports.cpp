#include "web/admin/exports.hpp"

#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <xlsxwriter.h>

#include <boost/json.hpp>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>

#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/tokens.hpp"
#include "web/admin/registrations.hpp"
#include "web/forms.hpp"
#include "web/page.hpp"

namespace rynek::web::admin {
namespace {

// The answer to one field as text: arrays (multiselect) joined with "; ".
std::string answer_text(const boost::json::object& answers, const std::string& key) {
  const auto* value = answers.if_contains(key);
  if (!value) return "";
  if (value->is_string()) return std::string(value->as_string());
  if (!value->is_array()) return "";
  std::string joined;
  for (const auto& item : value->as_array()) {
    if (!item.is_string()) continue;
    if (!joined.empty()) joined += "; ";
    joined += item.as_string();
  }
  return joined;
}

boost::json::object parse_answers(const std::string& json) {
  boost::system::error_code error;
  auto value = boost::json::parse(json, error);
  if (error || !value.is_object()) return {};
  return std::move(value.as_object());
}

http::Response attachment(std::string body, std::string content_type, const std::string& filename) {
  auto response = http::Response::text(200, std::move(body), std::move(content_type));
  response.headers.set("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  mark_admin(response);
  return response;
}

struct Export {
  events::Seminar seminar;
  ExportTable table;
};

std::optional<Export> load_export(App& app, const http::Request& request, const Session& session) {
  auto seminar = managed_seminar(app, request, session);
  if (!seminar) return std::nullopt;
  const auto filter = filter_from_query(request);
  auto [list, consents] = app.db.read([&](store::Connection& db) {
    return std::pair(events::list_registrations(db, seminar->id, filter, 1, 0),
                     events::consents_given(db, seminar->id));
  });
  auto table = export_table(*seminar, list.rows, consents);
  return Export{std::move(*seminar), std::move(table)};
}

}  // namespace

std::string warsaw_minutes(core::TimePoint t) {
  thread_local std::unique_ptr<icu::SimpleDateFormat> formatter = [] {
    UErrorCode status = U_ZERO_ERROR;
    auto made = std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString("yyyy-MM-dd HH:mm"),
                                                        icu::Locale::getRoot(), status);
    if (U_FAILURE(status)) return std::unique_ptr<icu::SimpleDateFormat>();
    made->adoptTimeZone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(
        icu::StringPiece(core::kTimeZone.data(), static_cast<int32_t>(core::kTimeZone.size())))));
    return made;
  }();
  if (!formatter) return core::format_iso8601(t);
  icu::UnicodeString text;
  formatter->format(static_cast<UDate>(t.time_since_epoch().count()) * 1000.0, text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string safe_cell(std::string_view text) {
  // Not only the cell's first character: a spreadsheet that splits on ';' (Excel in
  // a Polish locale) or ',' or at a line break starts a new cell there, so every
  // such segment is guarded. Spaces and quotes before the formula character do
  // not hide it (Excel drops them), so they are skipped when looking.
  constexpr std::string_view kFormulaStarts = "=+-@\t\r";
  constexpr std::string_view kSplits = ",;\r\n";
  std::string out;
  out.reserve(text.size() + 1);
  bool segment_start = true;
  for (char c : text) {
    if (segment_start && c != ' ' && c != '"') {
      if (kFormulaStarts.find(c) != std::string_view::npos) out += '\'';
      segment_start = false;
    }
    out += c;
    if (kSplits.find(c) != std::string_view::npos) segment_start = true;
  }
  return out;
}

std::string csv_field(std::string_view text) {
  auto cell = safe_cell(text);
  if (cell.find_first_of(",;\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string build_csv(const ExportTable& table) {
  std::string out = "\xEF\xBB\xBF";
  auto record = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += csv_field(cells[i]);
    }
    out += "\r\n";
  };
  record(table.header);
  for (const auto& row : table.rows) record(row);
  return out;
}

std::optional<std::string> build_xlsx(const ExportTable& table,
                                      const std::filesystem::path& scratch_dir) {
  std::error_code ignored;
  std::filesystem::create_directories(scratch_dir, ignored);
  const auto path = scratch_dir / ("export-" + core::random_token() + ".xlsx");
  std::string tmpdir = scratch_dir.string();
  lxw_workbook_options options{};
  options.tmpdir = tmpdir.data();
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (!workbook) return std::nullopt;
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Registrations");
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  const auto columns = static_cast<lxw_col_t>(table.header.size());
  for (lxw_col_t c = 0; c < columns; ++c) {
    worksheet_write_string(sheet, 0, c, table.header[c].c_str(), bold);
  }
  lxw_row_t r = 1;
  for (const auto& row : table.rows) {
    for (lxw_col_t c = 0; c < columns && c < row.size(); ++c) {
      // Written as strings, which Excel never evaluates; safe_cell still marks
      // what would look like a formula once copied into another sheet.
      worksheet_write_string(sheet, r, c, safe_cell(row[c]).c_str(), nullptr);
    }
    ++r;
  }
  if (columns > 0) {
    worksheet_set_column(sheet, 0, columns - 1, 20, nullptr);
    worksheet_freeze_panes(sheet, 1, 0);
    worksheet_autofilter(sheet, 0, 0, r - 1, columns - 1);
  }
  const lxw_error error = workbook_close(workbook);
  std::optional<std::string> bytes;
  if (error == LXW_NO_ERROR) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in) bytes = buffer.str();
  } else {
    spdlog::error("xlsx export failed: {}", lxw_strerror(error));
  }
  std::filesystem::remove(path, ignored);
  return bytes;
}

ExportTable export_table(const events::Seminar& seminar,
                         const std::vector<events::Registration>& registrations,
                         const events::ConsentsGiven& consents) {
  ExportTable table;
  table.header = {"id", "name", "email", "state", "confirmed_at", "created_at"};
  for (const auto& field : seminar.fields) table.header.push_back(field.label);
  for (const auto& consent : seminar.consents) {
    table.header.push_back("consent_" + consent.key);
    table.header.push_back("consent_" + consent.key + "_version");
  }
  for (const auto& registration : registrations) {
    std::vector<std::string> row{
        std::to_string(registration.id),
        registration.name,
        registration.email,
        std::string(events::state_name(registration.state)),
        registration.confirmed_at ? warsaw_minutes(*registration.confirmed_at) : "",
        warsaw_minutes(registration.created_at)};
    const auto answers = parse_answers(registration.answers_json);
    for (const auto& field : seminar.fields) row.push_back(answer_text(answers, field.key));
    const auto given = consents.find(registration.id);
    for (const auto& consent : seminar.consents) {
      const std::string* version = nullptr;
      if (given != consents.end()) {
        auto found = given->second.find(consent.key);
        if (found != given->second.end()) version = &found->second;
      }
      row.push_back(version ? "yes" : "no");
      row.push_back(version ? *version : "");
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::string export_filename(const events::Seminar& seminar, std::string_view extension) {
  std::string slug;
  for (char c : seminar.slug) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') slug += c;
  }
  if (slug.empty()) slug = std::to_string(seminar.id);
  return "zgloszenia-" + slug.substr(0, 80) + "." + std::string(extension);
}

http::Response registrations_csv(App& app, http::Request& request, const Session& session) {
  auto data = load_export(app, request, session);
  if (!data) return render_error(app, 404, &request);
  return attachment(build_csv(data->table), "text/csv; charset=utf-8",
                    export_filename(data->seminar, "csv"));
}

http::Response registrations_xlsx(App& app, http::Request& request, const Session& session) {
  auto data = load_export(app, request, session);
  if (!data) return render_error(app, 404, &request);
  auto bytes = build_xlsx(data->table, app.config.data_dir / "tmp");
  if (!bytes) return render_error(app, 500, &request);
  return attachment(std::move(*bytes),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    export_filename(data->seminar, "xlsx"));
}

}  // namespace rynek::web::admin
