// How the audit page (/admin/dziennik) reads an entry: the action by its description
// from accounts/audit_actions.cpp, the object by its kind, and the details JSON as a
// list of changed fields, "Tytuł: „A” → „B”", in the reader's language.
#pragma once

#include <cstdint>
#include <string>

#include "view/templates.hpp"

namespace rynek::web::admin {

// "Opublikowano artykuł" for "article.publish"; an unknown (old) key is shown as it is.
std::string audit_description(const std::string& lang, const std::string& action);
// "Artykuł #3" for ("article", 3).
std::string audit_object(const std::string& lang, const std::string& type, std::int64_t id);
// One {field, change} per changed field: {"title":{"from":"A","to":"B"}} gives
// field "Tytuł", change "„A” → „B”"; "changed" gives "zmieniono"; a list its items.
// Details that are not a JSON object are shown as one row of their text.
view::Value::List audit_changes(const std::string& lang, const std::string& details_json);

}  // namespace rynek::web::admin
