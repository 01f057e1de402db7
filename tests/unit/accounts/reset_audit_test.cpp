#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "accounts/audit.hpp"
#include "accounts/audit_actions.hpp"
#include "accounts/reset.hpp"
#include "accounts/session.hpp"
#include "accounts_fixture.hpp"
#include "mail/outbox.hpp"

namespace rynek::accounts {
namespace {

using namespace std::chrono_literals;
using test::AccountsTest;

const core::Secret kSecret(std::string(32, 'k'));

TEST_F(AccountsTest, ResetLinkIsDerivedNotStoredAndQueuesAnEmail) {
  auto id = add_account("osoba@example.org");
  std::int64_t reset_id = 0;
  db_->write_and_wait([&](store::Connection& c) {
    reset_id = create_reset(c, kSecret, id, kResetMailKind, "pl", now_);
  });
  auto link = db_->read([&](store::Connection& c) { return find_reset(c, reset_id); });
  ASSERT_TRUE(link);
  auto token = reset_token(kSecret, link->nonce);
  auto stored = db_->read([&](store::Connection& c) {
    return c.query_one("SELECT token_hash FROM password_resets WHERE id = ?", {reset_id})->text(0);
  });
  EXPECT_EQ(stored, core::token_hash(token));
  auto due = db_->read([&](store::Connection& c) { return mail::due_messages(c, now_, 10); });
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].kind, mail::key(kResetMailKind));
  EXPECT_EQ(due[0].to_address, "osoba@example.org");
  EXPECT_EQ(due[0].payload, "{\"reset_id\":" + std::to_string(reset_id) + "}");
  EXPECT_EQ(due[0].payload.find(token), std::string::npos);
}

TEST_F(AccountsTest, ResetLinkExpiresAfterAnHour) {
  auto id = add_account("osoba@example.org");
  std::int64_t reset_id = 0;
  db_->write_and_wait([&](store::Connection& c) {
    reset_id = create_reset(c, kSecret, id, kResetMailKind, "pl", now_);
  });
  auto token = reset_token(
      kSecret, db_->read([&](store::Connection& c) { return find_reset(c, reset_id); })->nonce);
  EXPECT_TRUE(
      db_->read([&](store::Connection& c) { return find_valid_reset(c, token, now_ + 59min); }));
  EXPECT_FALSE(
      db_->read([&](store::Connection& c) { return find_valid_reset(c, token, now_ + 1h); }));
  EXPECT_FALSE(
      db_->read([&](store::Connection& c) { return find_valid_reset(c, token + "x", now_); }));
}

TEST_F(AccountsTest, UsingALinkSetsThePasswordOnceAndEndsSessions) {
  auto id = add_account("osoba@example.org");
  std::int64_t reset_id = 0;
  auto session = make_session_values();
  db_->write_and_wait([&](store::Connection& c) {
    reset_id = create_reset(c, kSecret, id, kInvitationMailKind, "en", now_);
    insert_session(c, session, id, "", now_);
  });
  auto token = reset_token(
      kSecret, db_->read([&](store::Connection& c) { return find_reset(c, reset_id); })->nonce);
  bool first = false, second = true;
  db_->write_and_wait(
      [&](store::Connection& c) { first = use_reset(c, token, "new-hash", now_ + 1min); });
  db_->write_and_wait(
      [&](store::Connection& c) { second = use_reset(c, token, "other-hash", now_ + 2min); });
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);
  auto stored = db_->read(
      [&](store::Connection& c) { return find_account_by_email(c, "osoba@example.org"); });
  EXPECT_EQ(stored->password_hash, "new-hash");
  EXPECT_FALSE(db_->read([&](store::Connection& c) { return find_session(c, session.id_hash); }));
}

TEST_F(AccountsTest, InvitationLinkLastsThreeDays) {
  auto id = add_account("nowy@example.org", Role::organiser, "");
  std::int64_t reset_id = 0;
  db_->write_and_wait([&](store::Connection& c) {
    reset_id = create_reset(c, kSecret, id, kInvitationMailKind, "pl", now_);
  });
  auto token = reset_token(
      kSecret, db_->read([&](store::Connection& c) { return find_reset(c, reset_id); })->nonce);
  EXPECT_TRUE(
      db_->read([&](store::Connection& c) { return find_valid_reset(c, token, now_ + 71h); }));
}

TEST_F(AccountsTest, AuditLogListsNewestFirstWithTheAccountName) {
  auto id = add_account("redaktor@example.org");
  db_->write_and_wait([&](store::Connection& c) {
    record_audit(c, id, "article.update", "article", 7, "Tytuł",
                 R"({"title":{"from":"A","to":"B"}})", now_);
    record_audit(c, std::nullopt, "account.create", "account", id, "cli", "", now_ + 1min);
  });
  auto entries = db_->read([&](store::Connection& c) { return list_audit(c, 0, 10); });
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "account.create");
  EXPECT_FALSE(entries[0].account_id);
  EXPECT_EQ(entries[0].details, "{}");
  EXPECT_EQ(entries[1].account_name, "Test");
  EXPECT_EQ(entries[1].object_id, 7);
  EXPECT_EQ(db_->read([](store::Connection& c) { return count_audit(c); }), 2);
  EXPECT_EQ(db_->read([](store::Connection& c) { return list_audit(c, 1, 10); }).size(), 1u);
}

TEST_F(AccountsTest, AuditRefusesAnActionThatIsNotListed) {
  db_->write_and_wait([&](store::Connection& c) {
    EXPECT_THROW(record_audit(c, std::nullopt, "article.frobnicate", "article", 1, "x", "{}", now_),
                 std::invalid_argument);
  });
  EXPECT_EQ(db_->read([](store::Connection& c) { return count_audit(c); }), 0);
}

// Every action key the sources record is in the one list (and so has a description);
// the web layer builds "article."/"seminar." + publish|unpublish and "<type>.delete".
TEST(AuditActions, EveryRecordedKeyIsListedWithADescription) {
  namespace fs = std::filesystem;
  std::set<std::string> used{"article.publish",   "article.unpublish", "seminar.publish",
                             "seminar.unpublish", "article.delete",    "seminar.delete",
                             "account.deactivate"};
  // The first dotted literal of each record_audit(...) call, and the registration
  // actions' table in web/admin/registrations.cpp ({"approved", "registration.approve"}).
  const std::regex call(
      R"re(record_audit\(\s*[^;]*?"((?:account|article|seminar|registration|settings)\.[a-z_]+)")re");
  const std::regex table(R"re(\{"[a-z_]+", "(registration\.[a-z_]+)"\})re");
  const std::regex variable(R"re(audit_action = "([a-z]+\.[a-z_]+)")re");
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(RYNEK_SOURCE_DIR) / "src")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".cpp") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const auto source = text.str();
    if (source.find("record_audit(") == std::string::npos) continue;
    for (const auto* pattern : {&call, &table, &variable}) {
      for (std::sregex_iterator it(source.begin(), source.end(), *pattern), end; it != end; ++it)
        used.insert((*it)[1]);
    }
  }
  EXPECT_GE(used.size(), 20u);
  for (const auto& key : used) {
    const auto* action = find_audit_action(key);
    if (!action) {
      ADD_FAILURE() << "audit action " << key << " is not in accounts/audit_actions.cpp";
      continue;
    }
    EXPECT_NE(std::string(action->description), "");
  }
  EXPECT_GE(audit_actions().size(), 27u);
}

}  // namespace
}  // namespace rynek::accounts
