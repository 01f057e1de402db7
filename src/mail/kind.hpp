// Every e-mail Rynek sends, as one list.
//
// A kind is what an outbox row says it is. Domain code writes rows with a
// MailKind, never a string; the row stores the kind's stable key, so the keys
// below are a storage format: they never change once released (databases of
// earlier versions hold them), and a new message gets a new key. A key read back
// that no kind has (a row written by a newer version, or damaged) is not an
// error of the reader: parse_mail_kind says nullopt and the composer gives the
// row up with a message naming the key (web/mail_kinds.cpp).
//
// The composer of each kind is in web/mail_kinds.cpp, in a table checked at
// compile time against this one (same kinds, same order): mail and the domain
// folders cannot see web, so the keys live here and the composers there.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace rynek::mail {

enum class MailKind {
  registration_confirmation,
  registration_waitlisted,
  registration_pending,
  registration_promoted,
  registration_approved,
  registration_rejected,
  registration_cancelled,
  registration_expired,
  reminder_24h,
  reminder_1h,
  admin_message,
  account_invitation,
  account_password_reset,
};

struct MailKindInfo {
  MailKind kind;
  std::string_view key;          // stored in outbox.kind; never changes
  std::string_view description;  // for people reading logs, docs and tests
};

// In enum order (checked below).
inline constexpr std::array kMailKinds{
    MailKindInfo{MailKind::registration_confirmation, "registration.confirmation",
                 "a place is reserved: please confirm participation (with .ics)"},
    MailKindInfo{MailKind::registration_waitlisted, "registration.waitlisted",
                 "registered, no place yet: on the waiting list"},
    MailKindInfo{MailKind::registration_pending, "registration.pending",
                 "registered where the organiser approves registrations: awaiting a decision"},
    MailKindInfo{MailKind::registration_promoted, "registration.promoted",
                 "a place freed up and went to this person from the waiting list (with .ics)"},
    MailKindInfo{MailKind::registration_approved, "registration.approved",
                 "the organiser approved the registration (with .ics)"},
    MailKindInfo{MailKind::registration_rejected, "registration.rejected",
                 "the organiser did not accept the registration"},
    MailKindInfo{MailKind::registration_cancelled, "registration.cancelled",
                 "the registration was cancelled (by the person or the organiser)"},
    MailKindInfo{MailKind::registration_expired, "registration.expired",
                 "participation was not confirmed in time: back on the waiting list"},
    MailKindInfo{MailKind::reminder_24h, "reminder.24h",
                 "reminder about a day before the start (with .ics)"},
    MailKindInfo{MailKind::reminder_1h, "reminder.1h",
                 "reminder in the last hour before the start"},
    MailKindInfo{MailKind::admin_message, "admin.message",
                 "a message written by the organiser to registrants (back office)"},
    MailKindInfo{MailKind::account_invitation, "account.invitation",
                 "invitation to a new back-office account: set a password"},
    MailKindInfo{MailKind::account_password_reset, "account.password_reset",
                 "password reset link for a back-office account"},
};

inline constexpr std::size_t kMailKindCount = kMailKinds.size();

constexpr bool mail_kinds_in_enum_order() {
  for (std::size_t i = 0; i < kMailKinds.size(); ++i) {
    if (static_cast<std::size_t>(kMailKinds[i].kind) != i) return false;
  }
  return true;
}
static_assert(mail_kinds_in_enum_order(), "kMailKinds must list every MailKind in enum order");
static_assert(static_cast<std::size_t>(MailKind::account_password_reset) + 1 == kMailKindCount,
              "kMailKinds must list every MailKind");

constexpr const MailKindInfo& info(MailKind kind) {
  return kMailKinds[static_cast<std::size_t>(kind)];
}
constexpr std::string_view key(MailKind kind) {
  return info(kind).key;
}

// The kind a stored key names; nullopt for a key no kind has.
std::optional<MailKind> parse_mail_kind(std::string_view key);

}  // namespace rynek::mail
