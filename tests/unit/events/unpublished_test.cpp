// A seminar taken off the site keeps its registrations, but its waiting list
// stands still until it is published again, and a registration accepted just
// before it was taken down is refused by the write job.
#include <algorithm>

#include "core/tokens.hpp"
#include "events/registration.hpp"
#include "events/seminar_editing.hpp"
#include "events_fixture.hpp"

namespace rynek::events::testing {
namespace {

using namespace std::chrono_literals;

const auto kMonday = at("2026-03-02T09:00:00Z");

class UnpublishedTest : public EventsTest {
 protected:
  RegisterOutcome sign_up(const Seminar& seminar, const std::string& email, core::TimePoint now) {
    Submission submission{"Anna", email, "pl", {{"organisation", {"Urząd"}}}, {"newsletter"}};
    auto nonce = core::random_nonce();
    auto hash = core::token_hash(core::random_token());
    return write([&](store::Connection& c) {
      return register_participant(c, seminar, submission, nonce, hash, now);
    });
  }
  void set_status(const Seminar& seminar, SeminarStatus status, core::TimePoint now,
                  std::optional<core::TimePoint> published_at = std::nullopt) {
    ASSERT_TRUE(write([&](store::Connection& c) {
      return set_seminar_status(c, seminar.id, status, published_at, now);
    }));
  }
  RegistrationState state(std::int64_t id) {
    return db_->read([&](store::Connection& c) { return find_registration(c, id); })->state;
  }
  int outbox_count(const std::string& kind) {
    auto rows = outbox();
    return static_cast<int>(std::count_if(rows.begin(), rows.end(),
                                          [&](const auto& row) { return row.first == kind; }));
  }
  // A full seminar (one place): a holds it, b and c wait in that order.
  struct Full {
    Seminar seminar;
    std::int64_t a, b, c;
  };
  Full full_seminar(int confirm_within_hours = 0) {
    auto seminar = sample_seminar();
    seminar.capacity = 1;
    if (confirm_within_hours > 0) seminar.confirm_within_hours = confirm_within_hours;
    seminar = insert(seminar);
    auto a = sign_up(seminar, "a@example.org", kMonday).registration_id;
    auto b = sign_up(seminar, "b@example.org", kMonday + 1s).registration_id;
    auto c = sign_up(seminar, "c@example.org", kMonday + 2s).registration_id;
    return {seminar, a, b, c};
  }
};

TEST_F(UnpublishedTest, CancellingOnAHiddenSeminarCancelsAndSendsButPromotesNobody) {
  auto [seminar, a, b, c] = full_seminar();
  set_status(seminar, SeminarStatus::unpublished, kMonday + 1h);
  auto before = outbox();

  EXPECT_EQ(write([&](store::Connection& db) { return cancel_registration(db, a, kMonday + 2h); }),
            ChangeResult::done);

  EXPECT_EQ(state(a), RegistrationState::cancelled);
  EXPECT_EQ(state(b), RegistrationState::waitlisted);
  EXPECT_EQ(state(c), RegistrationState::waitlisted);
  auto after = outbox();
  before.emplace_back("registration.cancelled", "a@example.org");
  EXPECT_EQ(after, before);  // the cancellation e-mail, and nothing else
  EXPECT_EQ(outbox_count("registration.promoted"), 0);
}

TEST_F(UnpublishedTest, PublishingAgainPromotesTheFirstWaitingWithTheEmail) {
  auto [seminar, a, b, c] = full_seminar();
  set_status(seminar, SeminarStatus::unpublished, kMonday + 1h);
  write([&](store::Connection& db) { cancel_registration(db, a, kMonday + 2h); });
  ASSERT_EQ(outbox_count("registration.promoted"), 0);

  set_status(seminar, SeminarStatus::published, kMonday + 3h);

  EXPECT_EQ(state(b), RegistrationState::registered);
  EXPECT_EQ(state(c), RegistrationState::waitlisted);
  EXPECT_EQ(outbox().back(),
            std::make_pair(std::string("registration.promoted"), std::string("b@example.org")));
  EXPECT_EQ(outbox_count("registration.promoted"), 1);
}

TEST_F(UnpublishedTest, ADraftDoesNotPromoteEither) {
  auto [seminar, a, b, c] = full_seminar();
  set_status(seminar, SeminarStatus::draft, kMonday + 1h);
  write([&](store::Connection& db) { cancel_registration(db, a, kMonday + 2h); });
  EXPECT_EQ(state(b), RegistrationState::waitlisted);
  EXPECT_EQ(outbox_count("registration.promoted"), 0);
}

// Nothing runs when a scheduled seminar turns public, so holding its queue
// would leave the freed place empty: it promotes as a public one does.
TEST_F(UnpublishedTest, AScheduledSeminarStillPromotes) {
  auto [seminar, a, b, c] = full_seminar();
  set_status(seminar, SeminarStatus::published, kMonday + 1h, at("2026-03-04T00:00:00Z"));
  write([&](store::Connection& db) { cancel_registration(db, a, kMonday + 2h); });
  EXPECT_EQ(state(b), RegistrationState::registered);
  EXPECT_EQ(outbox_count("registration.promoted"), 1);
}

TEST_F(UnpublishedTest, ApprovalOnAHiddenSeminarPromotesNobodyAndJoinsTheQueue) {
  auto seminar = sample_seminar();
  seminar.capacity = 1;
  seminar.requires_approval = true;
  seminar = insert(seminar);
  auto a = sign_up(seminar, "a@example.org", kMonday).registration_id;
  auto b = sign_up(seminar, "b@example.org", kMonday + 1s).registration_id;
  auto c = sign_up(seminar, "c@example.org", kMonday + 2s).registration_id;
  auto approve = [&](std::int64_t id, core::TimePoint now) {
    return write([&](store::Connection& db) { return approve_registration(db, id, now); });
  };
  ASSERT_EQ(approve(a, kMonday + 1min), ChangeResult::done);
  ASSERT_EQ(approve(b, kMonday + 2min), ChangeResult::done);
  ASSERT_EQ(state(b), RegistrationState::waitlisted);
  set_status(seminar, SeminarStatus::unpublished, kMonday + 1h);
  write([&](store::Connection& db) { cancel_registration(db, a, kMonday + 2h); });

  // The free place is owed to b, who waits: c does not jump the queue.
  EXPECT_EQ(approve(c, kMonday + 3h), ChangeResult::done);
  EXPECT_EQ(state(b), RegistrationState::waitlisted);
  EXPECT_EQ(state(c), RegistrationState::waitlisted);
  EXPECT_EQ(outbox_count("registration.promoted"), 0);

  set_status(seminar, SeminarStatus::published, kMonday + 4h);
  EXPECT_EQ(state(b), RegistrationState::registered);
  EXPECT_EQ(state(c), RegistrationState::waitlisted);
  EXPECT_EQ(outbox_count("registration.promoted"), 1);
}

TEST_F(UnpublishedTest, HousekeepingOnAHiddenSeminarNeitherExpiresNorPromotes) {
  auto [seminar, a, b, c] = full_seminar(48);
  set_status(seminar, SeminarStatus::unpublished, kMonday + 1h);
  auto before = outbox();

  EXPECT_EQ(write([&](store::Connection& db) { return run_housekeeping(db, kMonday + 49h); }), 0);
  EXPECT_EQ(state(a), RegistrationState::registered);
  EXPECT_EQ(state(b), RegistrationState::waitlisted);
  EXPECT_EQ(outbox(), before);

  // Published again, the deadline applies at the next run.
  set_status(seminar, SeminarStatus::published, kMonday + 50h);
  write([&](store::Connection& db) { run_housekeeping(db, kMonday + 51h); });
  EXPECT_EQ(state(a), RegistrationState::waitlisted);
  EXPECT_EQ(state(b), RegistrationState::registered);
  EXPECT_EQ(outbox_count("registration.expired"), 1);
  EXPECT_EQ(outbox_count("registration.promoted"), 1);
}

// The request handler saw the seminar public; by the time the write job runs
// it has been taken down. The job's copy of the seminar is the stale one.
TEST_F(UnpublishedTest, ARegistrationForASeminarTakenDownMeanwhileStoresAndSendsNothing) {
  auto seminar = insert(sample_seminar());
  auto known = sign_up(seminar, "known@example.org", kMonday).registration_id;
  set_status(seminar, SeminarStatus::unpublished, kMonday + 1h);
  const auto rows = count("SELECT count(*) FROM registrations");
  const auto mails = outbox();

  auto fresh = sign_up(seminar, "new@example.org", kMonday + 2h);
  EXPECT_EQ(fresh.result, RegisterResult::not_public);
  EXPECT_EQ(fresh.registration_id, 0);
  // A repeat of a known address does not re-send its e-mail either.
  EXPECT_EQ(sign_up(seminar, "known@example.org", kMonday + 3h).result, RegisterResult::not_public);

  EXPECT_EQ(count("SELECT count(*) FROM registrations"), rows);
  EXPECT_EQ(count("SELECT count(*) FROM registration_consents WHERE registration_id <> " +
                  std::to_string(known)),
            0);
  EXPECT_EQ(outbox(), mails);
}

TEST_F(UnpublishedTest, ARegistrationForASeminarScheduledAgainMeanwhileIsRefused) {
  auto seminar = insert(sample_seminar());
  set_status(seminar, SeminarStatus::published, kMonday + 1h, at("2026-03-04T00:00:00Z"));
  EXPECT_EQ(sign_up(seminar, "new@example.org", kMonday + 2h).result, RegisterResult::not_public);
  EXPECT_EQ(count("SELECT count(*) FROM registrations"), 0);
  EXPECT_TRUE(outbox().empty());
}

TEST_F(UnpublishedTest, ARegistrationForAnUnknownSeminarIsRefused) {
  auto seminar = insert(sample_seminar());
  seminar.id += 1000;
  EXPECT_EQ(sign_up(seminar, "new@example.org", kMonday).result, RegisterResult::not_public);
  EXPECT_EQ(count("SELECT count(*) FROM registrations"), 0);
  EXPECT_TRUE(outbox().empty());
}

TEST_F(UnpublishedTest, ARegistrationAfterTheFormClosedMeanwhileIsRefused) {
  auto seminar = insert(sample_seminar());  // the copy says: open until the start
  write([&](store::Connection& c) {
    c.execute("UPDATE seminars SET registration_closes_at = ? WHERE id = ?",
              {std::string("2026-03-02T10:00:00Z"), seminar.id});
  });
  EXPECT_EQ(sign_up(seminar, "early@example.org", kMonday).result, RegisterResult::registered);
  const auto mails = outbox();
  auto late = sign_up(seminar, "late@example.org", at("2026-03-02T10:00:00Z"));
  EXPECT_EQ(late.result, RegisterResult::closed);
  EXPECT_EQ(late.registration_id, 0);
  EXPECT_EQ(sign_up(seminar, "later@example.org", seminar.starts_at + 1s).result,
            RegisterResult::closed);
  EXPECT_EQ(count("SELECT count(*) FROM registrations"), 1);
  EXPECT_EQ(outbox(), mails);
}

TEST_F(UnpublishedTest, ARegistrationBeforeTheFormOpensIsRefused) {
  auto seminar = sample_seminar();
  seminar.registration_opens_at = at("2026-03-03T00:00:00Z");
  seminar = insert(seminar);
  EXPECT_EQ(sign_up(seminar, "eager@example.org", kMonday).result, RegisterResult::closed);
  EXPECT_EQ(sign_up(seminar, "eager@example.org", at("2026-03-03T00:00:00Z")).result,
            RegisterResult::registered);
}

}  // namespace
}  // namespace rynek::events::testing
