// An organiser's message to a seminar's registrants.
//
// The form names a subject, a plain-text body and the recipients: everyone
// registered, everyone waiting, everyone active (registered, waiting or
// awaiting approval), or the registrations ticked in the list. Sending writes
// one outbox row per recipient (kind "admin.message", payload
// {"registration_id":N,"subject":"...","body":"..."}) and one audit row, in one
// write job; the mail worker composes each e-mail with compose_admin_message,
// adding the seminar and the recipient's personal link.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mail/message.hpp"
#include "mail/outbox.hpp"
#include "web/admin/access.hpp"

namespace rynek::web::admin {

inline constexpr std::size_t kMaxSubjectChars = 200;
inline constexpr std::size_t kMaxBodyChars = 10000;
// A body of 10,000 four-byte characters, percent-encoded, plus the rest of the form.
inline constexpr std::size_t kMessageBodyLimit = 160 * 1024;

// The English message id of what is wrong with a subject and body, or nullptr.
// Lengths count characters (code points), not bytes.
const char* message_error(std::string_view subject, std::string_view body);

// Paragraphs of a plain-text body (split at blank lines), each as its lines.
std::vector<std::vector<std::string>> body_paragraphs(std::string_view body);

// The e-mail for an "admin.message" outbox row; nullopt for any other kind (so it
// can be chained before the registration composer) or a registration gone.
std::optional<mail::Message> compose_admin_message(const App& app,
                                                   const mail::QueuedMessage& queued);

http::Response message_form(App& app, http::Request& request, const Session& session);
void message_send(App& app, http::Request& request, const Session& session,
                  http::Responder respond);

}  // namespace rynek::web::admin
