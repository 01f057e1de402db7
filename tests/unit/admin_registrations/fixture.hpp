// A seminar with registrations in a real SQLite file, for the back-office
// registration tests (the events tests' fixture plus a few helpers).
#pragma once

#include "../events/events_fixture.hpp"
#include "core/tokens.hpp"
#include "events/registration.hpp"

namespace rynek::events::testing {

class AdminRegistrationsTest : public EventsTest {
 protected:
  std::int64_t add(const Seminar& seminar, const std::string& name, const std::string& email,
                   core::TimePoint now = at("2026-03-03T09:00:00Z"),
                   std::set<std::string> consents = {}) {
    Submission submission;
    submission.name = name;
    submission.email = email;
    submission.lang = "pl";
    submission.answers["organisation"] = {"Urząd"};
    submission.consents = std::move(consents);
    const auto nonce = core::random_nonce();
    const auto hash = core::token_hash(nonce);
    return write([&](store::Connection& c) {
             return register_participant(c, seminar, submission, nonce, hash, now);
           })
        .registration_id;
  }
  Registration get(std::int64_t id) {
    return *db_->read([&](store::Connection& c) { return find_registration(c, id); });
  }
};

}  // namespace rynek::events::testing
