#include "core/tokens.hpp"
#include "events/registration.hpp"
#include "events_fixture.hpp"

namespace rynek::events::testing {
namespace {

using namespace std::chrono_literals;

class HousekeepingTest : public EventsTest {
 protected:
  std::int64_t sign_up(const Seminar& seminar, const std::string& email, core::TimePoint now) {
    Submission submission{"Anna", email, "pl", {{"organisation", {"Urząd"}}}, {}};
    return write([&](store::Connection& c) {
             return register_participant(c, seminar, submission, core::random_nonce(),
                                         core::token_hash(core::random_token()), now);
           })
        .registration_id;
  }
  Registration get(std::int64_t id) {
    return *db_->read([&](store::Connection& c) { return find_registration(c, id); });
  }
  int housekeeping(core::TimePoint now) {
    return write([&](store::Connection& c) { return run_housekeeping(c, now); });
  }
  std::vector<std::string> kinds() {
    std::vector<std::string> result;
    for (const auto& [kind, to] : outbox()) result.push_back(kind + " " + to);
    return result;
  }
};

const auto kStart = at("2026-03-07T10:00:00Z");

TEST_F(HousekeepingTest, AnUnconfirmedPlaceExpiresToTheEndOfTheQueueAndTheFirstWaitingGetsIt) {
  auto seminar = sample_seminar();
  seminar.capacity = 1;
  seminar.confirm_within_hours = 48;
  seminar = insert(seminar);
  const auto t0 = kStart - 120h;
  auto a = sign_up(seminar, "a@example.org", t0);
  auto b = sign_up(seminar, "b@example.org", t0 + 1h);
  EXPECT_EQ(housekeeping(t0 + 47h), 0);
  EXPECT_EQ(get(a).state, RegistrationState::registered);
  EXPECT_EQ(housekeeping(t0 + 48h), 2);
  EXPECT_EQ(get(a).state, RegistrationState::waitlisted);
  EXPECT_EQ(get(b).state, RegistrationState::registered);
  EXPECT_EQ(db_->read([&](store::Connection& c) { return queue_position(c, get(a)); }), 1);
  EXPECT_EQ(kinds(),
            (std::vector<std::string>{
                "registration.confirmation a@example.org", "registration.waitlisted b@example.org",
                "registration.expired a@example.org", "registration.promoted b@example.org"}));
  // b's own deadline counts from the promotion, and b confirms in time.
  EXPECT_EQ(housekeeping(t0 + 49h), 0);
  write([&](store::Connection& c) { confirm_participation(c, b, t0 + 50h); });
  EXPECT_EQ(housekeeping(t0 + 90h), 0);
  EXPECT_EQ(get(b).state, RegistrationState::registered);
}

TEST_F(HousekeepingTest, NothingExpiresWhenNobodyIsWaitingOrWhenConfirmed) {
  auto seminar = sample_seminar();
  seminar.capacity = 2;
  seminar.confirm_within_hours = 24;
  seminar = insert(seminar);
  const auto t0 = kStart - 100h;
  auto a = sign_up(seminar, "a@example.org", t0);
  auto b = sign_up(seminar, "b@example.org", t0);
  write([&](store::Connection& c) { confirm_participation(c, a, t0 + 1h); });
  EXPECT_EQ(housekeeping(t0 + 30h), 0);
  EXPECT_EQ(get(b).state, RegistrationState::registered);
  auto c = sign_up(seminar, "c@example.org", t0 + 31h);
  EXPECT_EQ(get(c).state, RegistrationState::waitlisted);
  EXPECT_EQ(housekeeping(t0 + 31h), 2);
  EXPECT_EQ(get(a).state, RegistrationState::registered);  // confirmed: keeps the place
  EXPECT_EQ(get(b).state, RegistrationState::waitlisted);
  EXPECT_EQ(get(c).state, RegistrationState::registered);
}

TEST_F(HousekeepingTest, RemindersGoOnceEvenWhenRunRepeatedlyAndAfterARestart) {
  auto seminar = insert(sample_seminar());
  auto early = sign_up(seminar, "early@example.org", kStart - 72h);
  auto late = sign_up(seminar, "late@example.org", kStart - 2h);
  auto gone = sign_up(seminar, "gone@example.org", kStart - 72h);
  write([&](store::Connection& c) { cancel_registration(c, gone, kStart - 48h); });
  const auto before = outbox().size();
  EXPECT_EQ(housekeeping(kStart - 25h), 0);
  EXPECT_EQ(housekeeping(kStart - 24h), 1);
  EXPECT_EQ(housekeeping(kStart - 24h + 1min), 0);
  EXPECT_EQ(housekeeping(kStart - 2h), 0);  // late registered after the 24 h reminder's time
  db_->close();
  open();  // a restart: only the outbox remembers what was sent
  EXPECT_EQ(housekeeping(kStart - 90min), 0);
  EXPECT_EQ(housekeeping(kStart - 1h), 2);
  EXPECT_EQ(housekeeping(kStart - 30min), 0);
  EXPECT_EQ(housekeeping(kStart + 1min), 0);
  auto all = kinds();
  std::vector<std::string> sent(all.begin() + static_cast<std::ptrdiff_t>(before), all.end());
  EXPECT_EQ(sent, (std::vector<std::string>{"reminder.24h early@example.org",
                                            "reminder.1h early@example.org",
                                            "reminder.1h late@example.org"}));
  auto keys = db_->read([](store::Connection& c) {
    std::vector<std::string> result;
    for (const auto& row :
         c.query("SELECT dedup_key FROM outbox WHERE dedup_key IS NOT NULL ORDER BY id")) {
      result.push_back(row.text(0));
    }
    return result;
  });
  EXPECT_EQ(keys, (std::vector<std::string>{"reminder-24h:" + std::to_string(early),
                                            "reminder-1h:" + std::to_string(early),
                                            "reminder-1h:" + std::to_string(late)}));
}

TEST_F(HousekeepingTest, AttendanceCountsOnlyAroundTheSeminar) {
  auto seminar = insert(sample_seminar());
  auto a = sign_up(seminar, "a@example.org", kStart - 72h);
  auto visit = [&](core::TimePoint now) {
    write([&](store::Connection& c) { record_visit(c, a, now); });
  };
  auto beat = [&](core::TimePoint now) {
    write([&](store::Connection& c) { record_heartbeat(c, a, now); });
  };
  visit(kStart - 31min);
  beat(kStart - 31min);
  EXPECT_FALSE(get(a).first_seen_at);
  visit(kStart - 30min);
  EXPECT_EQ(get(a).first_seen_at, kStart - 30min);
  EXPECT_EQ(get(a).confirmed_at, kStart - 30min);
  beat(kStart - 29min);
  beat(kStart - 28min);
  beat(kStart - 20min);  // the laptop slept: counts at most 90 s
  EXPECT_EQ(get(a).attended_seconds, 60 + 60 + 90);
  visit(kStart + 1h);
  EXPECT_EQ(get(a).first_seen_at, kStart - 30min);
  EXPECT_EQ(get(a).last_seen_at, kStart + 1h);
  beat(at("2026-03-07T14:31:00Z"));  // past the end + 30 min
  EXPECT_EQ(get(a).last_seen_at, kStart + 1h);
  write([&](store::Connection& c) { cancel_registration(c, a, kStart + 2h); });
  visit(kStart + 2h);
  EXPECT_EQ(get(a).last_seen_at, kStart + 1h);
}

}  // namespace
}  // namespace rynek::events::testing
