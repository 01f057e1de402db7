#include "web/mail_kinds.hpp"

#include <array>

#include "core/log.hpp"
#include "web/admin/account_mail.hpp"
#include "web/admin/messages.hpp"

namespace rynek::web {
namespace {

using mail::MailKind;

std::optional<mail::Message> admin_message(const App& app, const mail::QueuedMessage& queued,
                                           MailKind) {
  return admin::compose_admin_message(app, queued);
}

std::optional<mail::Message> account_mail(const App& app, const mail::QueuedMessage& queued,
                                          MailKind) {
  return admin::compose_account_mail(app, queued);
}

// Every message Rynek sends, and who writes it.
constexpr std::array kComposers{
    MailComposer{MailKind::registration_confirmation, compose_registration_mail},
    MailComposer{MailKind::registration_waitlisted, compose_registration_mail},
    MailComposer{MailKind::registration_pending, compose_registration_mail},
    MailComposer{MailKind::registration_promoted, compose_registration_mail},
    MailComposer{MailKind::registration_approved, compose_registration_mail},
    MailComposer{MailKind::registration_rejected, compose_registration_mail},
    MailComposer{MailKind::registration_cancelled, compose_registration_mail},
    MailComposer{MailKind::registration_expired, compose_registration_mail},
    MailComposer{MailKind::reminder_24h, compose_registration_mail},
    MailComposer{MailKind::reminder_1h, compose_registration_mail},
    MailComposer{MailKind::admin_message, admin_message},
    MailComposer{MailKind::account_invitation, account_mail},
    MailComposer{MailKind::account_password_reset, account_mail},
};

constexpr bool composers_match_kinds() {
  if (kComposers.size() != mail::kMailKindCount) return false;
  for (std::size_t i = 0; i < kComposers.size(); ++i) {
    // Only the kinds: comparing a function's address is not a constant expression
    // under the sanitizers. That every composer is set is tested (mail_kinds_test).
    if (kComposers[i].kind != mail::kMailKinds[i].kind) return false;
  }
  return true;
}
static_assert(composers_match_kinds(),
              "kComposers must give every mail::MailKind a composer, in mail::kMailKinds order");

}  // namespace

std::span<const MailComposer> mail_composers() {
  return kComposers;
}

std::optional<mail::Message> compose_mail(const App& app, const mail::QueuedMessage& queued) {
  auto kind = mail::parse_mail_kind(queued.kind);
  if (!kind) {
    spdlog::error("outbox {}: unknown kind '{}' (written by another version?); not sent", queued.id,
                  queued.kind);
    return std::nullopt;
  }
  return kComposers[static_cast<std::size_t>(*kind)].compose(app, queued, *kind);
}

}  // namespace rynek::web
