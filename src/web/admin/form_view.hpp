// What the back office's forms (articles, seminars, site settings) share when
// they are read and drawn: text normalised the same way, the field errors,
// each input's value with its error and aria-describedby, the error summary at
// the top of the form, and a save refused because the object changed
// meanwhile (optimistic locking, docs/ARCHITECTURE.md). The templates read the
// same names everywhere: "has_errors", "errors" (href, message),
// "error_count"; per field "id", "value", "has_error", "error", "describedby";
// "conflict", "conflict_unknown" and "revision" (the hidden input).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content/editing.hpp"
#include "view/templates.hpp"

namespace rynek::web::admin {

struct FieldError {
  std::string id;       // the input's id, linked from the summary
  std::string message;  // already translated
};

// Browsers send CRLF (or a lone CR) in textareas; stored text uses LF.
std::string normalise_newlines(std::string_view text);

// The pieces between `separator`s, trimmed, empty ones dropped ("a, ,b" -> a, b).
std::vector<std::string> split_trimmed(std::string_view text, char separator);

// One input: its value, its error (the first one with this id) and the ids
// that describe it ("<id>-help" when it has help, then "<id>-error").
view::Value form_field(const std::string& id, const std::string& value,
                       const std::vector<FieldError>& errors, bool has_help);

// "has_errors", "errors" and "error_count" ("The form has 2 errors.") when
// there are errors; nothing otherwise.
void add_error_summary(view::Value& context, const std::string& lang,
                       const std::vector<FieldError>& errors);

// One stored file in an edit form's list (an article's attachment, a seminar's
// material): "title", "url" (download), "type" and "size" in the page's
// language, and "remove_action" (its removal form).
view::Value stored_file_item(const std::string& lang, const content::Attachment& file,
                             const std::string& remove_action);

// A save refused with 409: "conflict" when `check` is not current, and
// "conflict_unknown" when the form's revision was missing or unreadable rather
// than older; the template words the notice and links the saved object.
void add_conflict(view::Value& context, content::RevisionCheck check);

// Inside a write job: checks the form's revision against the stored one and,
// when it is not current, replaces it with the stored one, so that the form
// re-rendered with the 409 carries it and submitting it again is a deliberate
// overwrite.
content::RevisionCheck check_form_revision(std::string& form_revision, std::int64_t stored);

}  // namespace rynek::web::admin
