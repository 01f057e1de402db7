// The table of e-mail kinds (mail/kind.hpp) and their composers
// (web/mail_kinds.cpp): every kind has a stable, unique key and a composer, and
// composing each kind for a sample registration (or account) gives an e-mail.
#include "web/mail_kinds.hpp"

#include <gtest/gtest.h>

#include <set>

#include "../web/app_fixture.hpp"
#include "accounts/account_store.hpp"
#include "accounts/reset.hpp"
#include "fixture.hpp"
#include "mail/kind.hpp"
#include "web/mail_messages.hpp"

namespace rynek::web {
namespace {

using events::testing::at;
using mail::MailKind;

TEST(MailKinds, EveryKindHasAUniqueKeyThatReadsBackAsItself) {
  std::set<std::string_view> keys;
  for (const auto& kind : mail::kMailKinds) {
    EXPECT_FALSE(kind.key.empty());
    EXPECT_FALSE(kind.description.empty()) << kind.key;
    EXPECT_TRUE(keys.insert(kind.key).second) << "key used twice: " << kind.key;
    EXPECT_EQ(mail::parse_mail_kind(kind.key), kind.kind) << kind.key;
    EXPECT_EQ(mail::key(kind.kind), kind.key);
  }
}

// The keys are a storage format: databases written by earlier versions hold them.
TEST(MailKinds, StoredKeysAreTheOnesEarlierVersionsWrote) {
  EXPECT_EQ(mail::key(MailKind::registration_confirmation), "registration.confirmation");
  EXPECT_EQ(mail::key(MailKind::registration_waitlisted), "registration.waitlisted");
  EXPECT_EQ(mail::key(MailKind::registration_pending), "registration.pending");
  EXPECT_EQ(mail::key(MailKind::registration_promoted), "registration.promoted");
  EXPECT_EQ(mail::key(MailKind::registration_approved), "registration.approved");
  EXPECT_EQ(mail::key(MailKind::registration_rejected), "registration.rejected");
  EXPECT_EQ(mail::key(MailKind::registration_cancelled), "registration.cancelled");
  EXPECT_EQ(mail::key(MailKind::registration_expired), "registration.expired");
  EXPECT_EQ(mail::key(MailKind::reminder_24h), "reminder.24h");
  EXPECT_EQ(mail::key(MailKind::reminder_1h), "reminder.1h");
  EXPECT_EQ(mail::key(MailKind::admin_message), "admin.message");
  EXPECT_EQ(mail::key(MailKind::account_invitation), "account.invitation");
  EXPECT_EQ(mail::key(MailKind::account_password_reset), "account.password_reset");
}

TEST(MailKinds, UnknownKeysNameNoKind) {
  EXPECT_FALSE(mail::parse_mail_kind(""));
  EXPECT_FALSE(mail::parse_mail_kind("registration"));
  EXPECT_FALSE(mail::parse_mail_kind("Registration.Confirmation"));
  EXPECT_FALSE(mail::parse_mail_kind("registration.confirmation "));
  EXPECT_FALSE(mail::parse_mail_kind("account.something_new"));
}

TEST(MailKinds, EveryKindHasOneComposerInTableOrder) {
  auto composers = mail_composers();
  ASSERT_EQ(composers.size(), mail::kMailKindCount);
  for (std::size_t i = 0; i < composers.size(); ++i) {
    EXPECT_EQ(composers[i].kind, mail::kMailKinds[i].kind) << mail::kMailKinds[i].key;
    EXPECT_NE(composers[i].compose, nullptr) << mail::kMailKinds[i].key;
  }
}

class ComposingEveryKind : public test::WithApp<events::testing::AdminRegistrationsTest> {
 protected:
  void SetUp() override {
    WithApp::SetUp();
    seminar_ = insert(sample_seminar());
    registration_ = add(seminar_, "Anna Nowak", "anna@example.org");
    write([&](store::Connection& c) {
      account_ = accounts::create_account(c, "ola@example.org", "Ola", accounts::Role::editor, "",
                                          at("2026-03-01T09:00:00Z"));
    });
  }

  // An outbox row of `kind` as the mail worker reads it.
  mail::QueuedMessage row(MailKind kind) {
    mail::QueuedMessage queued;
    queued.id = 7;
    queued.kind = std::string(mail::key(kind));
    queued.to_address = "anna@example.org";
    queued.to_name = "Anna Nowak";
    queued.lang = "pl";
    queued.created_at = at("2026-03-03T09:00:00Z");
    const auto registration = std::to_string(registration_);
    if (kind == MailKind::admin_message) {
      queued.payload = "{\"registration_id\":" + registration +
                       ",\"subject\":\"Zmiana sali\",\"body\":\"Spotykamy się w sali 12.\"}";
    } else if (kind == MailKind::account_invitation || kind == MailKind::account_password_reset) {
      std::int64_t reset = 0;
      write([&](store::Connection& c) {
        reset =
            accounts::create_reset(c, secret_, account_, kind, "pl", at("2026-03-03T09:00:00Z"));
      });
      queued.payload = "{\"reset_id\":" + std::to_string(reset) + "}";
    } else {
      queued.payload = "{\"registration_id\":" + registration + "}";
    }
    return queued;
  }

  events::Seminar seminar_;
  std::int64_t registration_ = 0;
  std::int64_t account_ = 0;
};

TEST_F(ComposingEveryKind, GivesAnEmailWithSubjectAndBothParts) {
  auto composer = make_composer(*app_);
  for (const auto& kind : mail::kMailKinds) {
    SCOPED_TRACE(std::string(kind.key));
    auto message = composer(row(kind.kind));
    ASSERT_TRUE(message.has_value());
    EXPECT_FALSE(message->subject.empty());
    EXPECT_FALSE(message->text.empty());
    EXPECT_FALSE(message->html.empty());
  }
}

TEST_F(ComposingEveryKind, RegistrationMailsNameTheSeminar) {
  auto composer = make_composer(*app_);
  for (const auto& kind : mail::kMailKinds) {
    if (!kind.key.starts_with("registration.") && !kind.key.starts_with("reminder.")) continue;
    SCOPED_TRACE(std::string(kind.key));
    auto message = composer(row(kind.kind));
    ASSERT_TRUE(message.has_value());
    EXPECT_NE(message->subject.find(seminar_.title), std::string::npos);
  }
}

// A row written by a newer version (or damaged) is given up, not a crash: the
// worker marks it failed and sends the others.
TEST_F(ComposingEveryKind, AnUnknownStoredKindIsGivenUp) {
  auto composer = make_composer(*app_);
  for (const char* stored : {"registration.future", "", "account.", "admin.message.v2"}) {
    auto queued = row(MailKind::registration_confirmation);
    queued.kind = stored;
    EXPECT_FALSE(composer(queued).has_value()) << stored;
  }
}

TEST_F(ComposingEveryKind, AKnownKindWithoutItsPayloadIsGivenUp) {
  auto composer = make_composer(*app_);
  for (const auto& kind : mail::kMailKinds) {
    auto queued = row(kind.kind);
    queued.payload = "{}";
    EXPECT_FALSE(composer(queued).has_value()) << kind.key;
  }
}

}  // namespace
}  // namespace rynek::web
