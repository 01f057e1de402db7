// The e-mails Rynek sends about registrations, composed when the mail worker
// sends them (mail/worker.hpp): the outbox row names the kind (mail/kind.hpp;
// web/mail_kinds.cpp picks each kind's composer) and the
// registration; the text comes from current data in the recipient's language.
// Every message about a registration carries the same personal link.
#pragma once

#include "mail/worker.hpp"
#include "web/app.hpp"

namespace rynek::web {

mail::Composer make_composer(const App& app);

}  // namespace rynek::web
