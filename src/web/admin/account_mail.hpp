// The e-mails of the account pages: the password reset link and the invitation
// of a new account. Chained after web::make_composer: returns nullopt for any
// other outbox kind.
#pragma once

#include <optional>

#include "mail/message.hpp"
#include "mail/outbox.hpp"
#include "web/app.hpp"

namespace rynek::web::admin {

std::optional<mail::Message> compose_account_mail(const App& app,
                                                  const mail::QueuedMessage& queued);

}  // namespace rynek::web::admin
