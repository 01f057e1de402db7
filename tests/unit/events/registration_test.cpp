#include "events/registration.hpp"

#include "core/tokens.hpp"
#include "events_fixture.hpp"

namespace rynek::events::testing {
namespace {

using namespace std::chrono_literals;
using Kinds = std::vector<std::pair<std::string, std::string>>;

class RegistrationTest : public EventsTest {
 protected:
  RegisterOutcome sign_up(const Seminar& seminar, const std::string& email, core::TimePoint now,
                          const std::string& name = "Anna Nowak") {
    Submission submission{name, email, "pl", {{"organisation", {"Urząd"}}}, {"newsletter"}};
    auto nonce = core::random_nonce();
    auto hash = core::token_hash(core::random_token());
    last_hash_ = hash;
    return write([&](store::Connection& c) {
      return register_participant(c, seminar, submission, nonce, hash, now);
    });
  }
  Registration get(std::int64_t id) {
    return *db_->read([&](store::Connection& c) { return find_registration(c, id); });
  }
  int housekeeping(core::TimePoint now) {
    return write([&](store::Connection& c) { return run_housekeeping(c, now); });
  }
  std::string last_hash_;
};

const auto kMonday = at("2026-03-02T09:00:00Z");

TEST_F(RegistrationTest, CapacityTwoPutsTheThirdOnTheWaitingListAndCancellationPromotesIt) {
  auto seminar = sample_seminar();
  seminar.capacity = 2;
  seminar = insert(seminar);
  auto a = sign_up(seminar, "a@example.org", kMonday);
  auto b = sign_up(seminar, "B@Example.org ", kMonday + 1s);
  auto c = sign_up(seminar, "c@example.org", kMonday + 2s);
  EXPECT_EQ(a.result, RegisterResult::registered);
  EXPECT_EQ(b.result, RegisterResult::registered);
  EXPECT_EQ(c.result, RegisterResult::waitlisted);
  EXPECT_EQ(get(b.registration_id).email, "b@example.org");
  auto position = db_->read(
      [&](store::Connection& conn) { return queue_position(conn, get(c.registration_id)); });
  EXPECT_EQ(position, 1);

  EXPECT_EQ(write([&](store::Connection& conn) {
              return cancel_registration(conn, a.registration_id, kMonday + 1h);
            }),
            ChangeResult::done);
  EXPECT_EQ(get(c.registration_id).state, RegistrationState::registered);
  EXPECT_FALSE(get(c.registration_id).queued_at);
  EXPECT_EQ(outbox(), (Kinds{{"registration.confirmation", "a@example.org"},
                             {"registration.confirmation", "b@example.org"},
                             {"registration.waitlisted", "c@example.org"},
                             {"registration.cancelled", "a@example.org"},
                             {"registration.promoted", "c@example.org"}}));
  EXPECT_EQ(write([&](store::Connection& conn) {
              return cancel_registration(conn, a.registration_id, kMonday + 2h);
            }),
            ChangeResult::already);
  auto counts =
      db_->read([&](store::Connection& conn) { return count_registrations(conn, seminar.id); });
  EXPECT_EQ(counts.registered, 2);
  EXPECT_EQ(counts.cancelled, 1);
  EXPECT_EQ(counts.waitlisted, 0);
}

TEST_F(RegistrationTest, RegisteringAgainResendsThenThrottlesWithoutDuplicates) {
  auto seminar = insert(sample_seminar());
  auto first = sign_up(seminar, "a@example.org", kMonday);
  EXPECT_EQ(sign_up(seminar, "A@example.org", kMonday + 1min).result, RegisterResult::throttled);
  auto again = sign_up(seminar, "a@example.org", kMonday + 11min);
  EXPECT_EQ(again.result, RegisterResult::resent);
  EXPECT_EQ(again.registration_id, first.registration_id);
  EXPECT_EQ(sign_up(seminar, "a@example.org", kMonday + 15min).result, RegisterResult::throttled);
  EXPECT_EQ(sign_up(seminar, "a@example.org", kMonday + 22min).result, RegisterResult::resent);
  EXPECT_EQ(db_->read([](store::Connection& c) {
    return c.query_one("SELECT count(*) FROM registrations")->integer(0);
  }),
            1);
  EXPECT_EQ(outbox(), (Kinds{{"registration.confirmation", "a@example.org"},
                             {"registration.confirmation", "a@example.org"},
                             {"registration.confirmation", "a@example.org"}}));
}

TEST_F(RegistrationTest, RegisteringAfterCancellingReusesTheRowAndKeepsTheLink) {
  auto seminar = insert(sample_seminar());
  auto first = sign_up(seminar, "a@example.org", kMonday);
  auto hash = last_hash_;
  write(
      [&](store::Connection& c) { cancel_registration(c, first.registration_id, kMonday + 1min); });
  auto again = sign_up(seminar, "a@example.org", kMonday + 2min);
  EXPECT_EQ(again.result, RegisterResult::registered);
  EXPECT_EQ(again.registration_id, first.registration_id);
  auto found =
      db_->read([&](store::Connection& c) { return find_registration_by_token_hash(c, hash); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, first.registration_id);
  EXPECT_EQ(outbox().back().first, "registration.confirmation");
}

TEST_F(RegistrationTest, ConsentsAndAnswersAreStoredWithVersions) {
  auto seminar = insert(sample_seminar());
  auto outcome = sign_up(seminar, "a@example.org", kMonday);
  EXPECT_EQ(get(outcome.registration_id).answers_json, R"({"organisation":"Urząd"})");
  auto row = db_->read([](store::Connection& c) {
    return *c.query_one("SELECT consent_key, version, given_at FROM registration_consents");
  });
  EXPECT_EQ(row.text(0), "newsletter");
  EXPECT_EQ(row.text(1), "v1");
  EXPECT_EQ(row.text(2), "2026-03-02T09:00:00Z");
  auto privacy = db_->read([](store::Connection& c) {
    return c.query_one("SELECT privacy_version FROM registrations")->text(0);
  });
  EXPECT_EQ(privacy, "2026-01");
}

TEST_F(RegistrationTest, TokenLookupFindsOnlyTheExactHash) {
  auto seminar = insert(sample_seminar());
  auto outcome = sign_up(seminar, "a@example.org", kMonday);
  auto found = db_->read(
      [&](store::Connection& c) { return find_registration_by_token_hash(c, last_hash_); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, outcome.registration_id);
  auto other = core::token_hash(core::random_token());
  EXPECT_FALSE(
      db_->read([&](store::Connection& c) { return find_registration_by_token_hash(c, other); }));
}

TEST_F(RegistrationTest, ApprovalFlowRespectsCapacity) {
  auto seminar = sample_seminar();
  seminar.requires_approval = true;
  seminar.capacity = 1;
  seminar = insert(seminar);
  auto a = sign_up(seminar, "a@example.org", kMonday);
  auto b = sign_up(seminar, "b@example.org", kMonday);
  auto c = sign_up(seminar, "c@example.org", kMonday);
  EXPECT_EQ(a.result, RegisterResult::pending_approval);
  auto decide = [&](auto fn, std::int64_t id) {
    return write([&](store::Connection& conn) { return fn(conn, id, kMonday + 1h); });
  };
  EXPECT_EQ(decide(approve_registration, a.registration_id), ChangeResult::done);
  EXPECT_EQ(decide(approve_registration, b.registration_id), ChangeResult::done);
  EXPECT_EQ(decide(reject_registration, c.registration_id), ChangeResult::done);
  EXPECT_EQ(get(a.registration_id).state, RegistrationState::registered);
  EXPECT_EQ(get(b.registration_id).state, RegistrationState::waitlisted);
  EXPECT_EQ(get(c.registration_id).state, RegistrationState::rejected);
  EXPECT_EQ(decide(approve_registration, a.registration_id), ChangeResult::already);
  EXPECT_EQ(decide(reject_registration, c.registration_id), ChangeResult::already);
  EXPECT_EQ(decide(approve_registration, c.registration_id), ChangeResult::not_allowed);
  EXPECT_EQ(decide(reject_registration, a.registration_id), ChangeResult::not_allowed);
  // Asking again does not undo a rejection: it re-sends the decision.
  EXPECT_EQ(sign_up(seminar, "c@example.org", kMonday + 2h).result, RegisterResult::resent);
  EXPECT_EQ(get(c.registration_id).state, RegistrationState::rejected);
  EXPECT_EQ(outbox(), (Kinds{{"registration.pending", "a@example.org"},
                             {"registration.pending", "b@example.org"},
                             {"registration.pending", "c@example.org"},
                             {"registration.approved", "a@example.org"},
                             {"registration.waitlisted", "b@example.org"},
                             {"registration.rejected", "c@example.org"},
                             {"registration.rejected", "c@example.org"}}));
}

TEST_F(RegistrationTest, ConfirmingTwiceSaysAlready) {
  auto seminar = insert(sample_seminar());
  auto a = sign_up(seminar, "a@example.org", kMonday);
  auto confirm = [&](core::TimePoint now) {
    return write(
        [&](store::Connection& c) { return confirm_participation(c, a.registration_id, now); });
  };
  EXPECT_EQ(confirm(kMonday + 5min), ChangeResult::done);
  EXPECT_EQ(confirm(kMonday + 6min), ChangeResult::already);
  EXPECT_EQ(*get(a.registration_id).confirmed_at, kMonday + 5min);
  write([&](store::Connection& c) { cancel_registration(c, a.registration_id, kMonday + 7min); });
  EXPECT_EQ(confirm(kMonday + 8min), ChangeResult::not_allowed);
}

TEST_F(RegistrationTest, RegistrationWindowDefaultsToPublicationUntilStart) {
  auto seminar = sample_seminar();
  seminar.registration_opens_at.reset();
  seminar.registration_closes_at.reset();
  EXPECT_FALSE(registration_open(seminar, at("2026-01-31T23:59:59Z")));
  EXPECT_TRUE(registration_open(seminar, at("2026-02-01T00:00:00Z")));
  EXPECT_TRUE(registration_open(seminar, at("2026-03-07T09:59:59Z")));
  EXPECT_FALSE(registration_open(seminar, at("2026-03-07T10:00:00Z")));
}

}  // namespace
}  // namespace rynek::events::testing
