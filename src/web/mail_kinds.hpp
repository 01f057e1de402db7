// Who composes each e-mail Rynek sends: one row per mail::MailKind (the kinds,
// their stored keys and descriptions are in mail/kind.hpp), checked at compile
// time to list every kind once, in the same order. Reading the two tables side
// by side tells every message Rynek sends, as routes.cpp tells every path.
//
// An outbox row whose stored key names no kind (written by a newer version, or
// damaged) is given up: compose_mail logs the key and returns nullopt, so the
// worker marks the row failed and goes on with the others.
#pragma once

#include <optional>
#include <span>

#include "mail/kind.hpp"
#include "mail/message.hpp"
#include "mail/outbox.hpp"
#include "web/app.hpp"

namespace rynek::web {

// Builds the e-mail of one row of `kind` (see mail::Composer for nullopt and
// exceptions).
using ComposeFunction = std::optional<mail::Message> (*)(const App& app,
                                                         const mail::QueuedMessage& queued,
                                                         mail::MailKind kind);

struct MailComposer {
  mail::MailKind kind;
  ComposeFunction compose;
};

// In mail::kMailKinds order.
std::span<const MailComposer> mail_composers();

// The e-mail for an outbox row, by the composer of its kind.
std::optional<mail::Message> compose_mail(const App& app, const mail::QueuedMessage& queued);

// The composer of the registration e-mails and reminders (web/mail_messages.cpp).
std::optional<mail::Message> compose_registration_mail(const App& app,
                                                       const mail::QueuedMessage& queued,
                                                       mail::MailKind kind);

}  // namespace rynek::web
