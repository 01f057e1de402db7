#include "events/admin_queries.hpp"
#include "fixture.hpp"

namespace rynek::events::testing {
namespace {

using Queries = AdminRegistrationsTest;

std::vector<std::string> names(const RegistrationList& list) {
  std::vector<std::string> out;
  for (const auto& r : list.rows) out.push_back(r.name);
  return out;
}

TEST(FilterSql, BindsStateAndAddsConfirmationCondition) {
  RegistrationFilter filter;
  filter.search = "x' OR 1=1 --";
  filter.state = RegistrationState::waitlisted;
  filter.confirmed = false;
  store::Params params;
  auto sql = registration_filter_sql(7, filter, params);
  EXPECT_EQ(sql, " WHERE seminar_id = ? AND state = ? AND confirmed_at IS NULL");
  ASSERT_EQ(params.size(), 2u);
  EXPECT_EQ(std::get<std::int64_t>(params[0]), 7);
  EXPECT_EQ(std::get<std::string>(params[1]), "waitlisted");
  filter = {};
  filter.confirmed = true;
  params.clear();
  EXPECT_EQ(registration_filter_sql(7, filter, params),
            " WHERE seminar_id = ? AND confirmed_at IS NOT NULL");
}

TEST(FilterSql, SearchFoldsPolishLettersAndMatchesNameOrEmail) {
  Registration r;
  r.name = "Łukasz Żółć";
  r.email = "lukasz@example.org";
  EXPECT_TRUE(matches_search(r, "łuk"));
  EXPECT_TRUE(matches_search(r, "ŻÓŁ"));
  EXPECT_TRUE(matches_search(r, "EXAMPLE.ORG"));
  EXPECT_TRUE(matches_search(r, ""));
  EXPECT_FALSE(matches_search(r, "anna"));
  EXPECT_FALSE(matches_search(r, "%"));
}

TEST_F(Queries, ListsFiltersAndPages) {
  auto seminar = sample_seminar();
  seminar.capacity = 2;
  seminar = insert(seminar);
  add(seminar, "Anna Nowak", "anna@example.org");
  add(seminar, "Łucja Kowalska", "lucja@example.org");
  add(seminar, "Piotr Anusz", "piotr@example.org");  // waitlisted
  auto list =
      db_->read([&](store::Connection& c) { return list_registrations(c, seminar.id, {}, 1); });
  EXPECT_EQ(list.total, 3);
  EXPECT_EQ(names(list), (std::vector<std::string>{"Anna Nowak", "Łucja Kowalska", "Piotr Anusz"}));

  RegistrationFilter search;
  search.search = "ANU";  // "Anusz", not "Anna"
  list =
      db_->read([&](store::Connection& c) { return list_registrations(c, seminar.id, search, 1); });
  EXPECT_EQ(names(list), (std::vector<std::string>{"Piotr Anusz"}));

  RegistrationFilter waiting;
  waiting.state = RegistrationState::waitlisted;
  list = db_->read(
      [&](store::Connection& c) { return list_registrations(c, seminar.id, waiting, 1); });
  EXPECT_EQ(names(list), (std::vector<std::string>{"Piotr Anusz"}));

  // Page 2 of size 2 holds the third; the total counts every match.
  list =
      db_->read([&](store::Connection& c) { return list_registrations(c, seminar.id, {}, 2, 2); });
  EXPECT_EQ(list.total, 3);
  EXPECT_EQ(names(list), (std::vector<std::string>{"Piotr Anusz"}));
}

TEST_F(Queries, PromoteGivesAPlaceEvenWhenFullAndSendsTheEmail) {
  auto seminar = sample_seminar();
  seminar.capacity = 1;
  seminar = insert(seminar);
  add(seminar, "Anna", "anna@example.org");
  auto waiting = add(seminar, "Piotr", "piotr@example.org");
  ASSERT_EQ(get(waiting).state, RegistrationState::waitlisted);
  const auto now = at("2026-03-04T09:00:00Z");
  EXPECT_EQ(write([&](store::Connection& c) { return promote_registration(c, waiting, now); }),
            ChangeResult::done);
  EXPECT_EQ(get(waiting).state, RegistrationState::registered);
  EXPECT_FALSE(get(waiting).queued_at.has_value());
  EXPECT_EQ(outbox().back(),
            std::pair(std::string("registration.promoted"), std::string("piotr@example.org")));
  EXPECT_EQ(write([&](store::Connection& c) { return promote_registration(c, waiting, now); }),
            ChangeResult::already);
}

TEST_F(Queries, AudiencesAndAdminMessageRows) {
  auto seminar = sample_seminar();
  seminar.capacity = 1;
  seminar = insert(seminar);
  auto anna = add(seminar, "Anna", "anna@example.org");
  auto piotr = add(seminar, "Piotr", "piotr@example.org");
  auto ewa = add(seminar, "Ewa", "ewa@example.org");
  write([&](store::Connection& c) { cancel_registration(c, ewa, at("2026-03-04T09:00:00Z")); });
  auto ids = [&](MessageAudience audience, std::vector<std::int64_t> selected = {}) {
    return db_->read(
        [&](store::Connection& c) { return audience_ids(c, seminar.id, audience, selected); });
  };
  EXPECT_EQ(ids(MessageAudience::registered), std::vector<std::int64_t>{anna});
  EXPECT_EQ(ids(MessageAudience::waitlisted), std::vector<std::int64_t>{piotr});
  EXPECT_EQ(ids(MessageAudience::active), (std::vector<std::int64_t>{anna, piotr}));
  // A cancelled registration or one of another seminar is never a recipient.
  EXPECT_EQ(ids(MessageAudience::selected, {piotr, ewa, 999}), std::vector<std::int64_t>{piotr});

  auto count = write([&](store::Connection& c) {
    return enqueue_admin_message(c, {anna, piotr}, "Zmiana sali", "Treść \"cytat\"",
                                 at("2026-03-05T09:00:00Z"));
  });
  EXPECT_EQ(count, 2);
  auto payload = db_->read([](store::Connection& c) {
    return c.query_one("SELECT payload FROM outbox WHERE kind = 'admin.message' ORDER BY id")
        ->text(0);
  });
  EXPECT_EQ(payload, "{\"registration_id\":" + std::to_string(anna) +
                         ",\"subject\":\"Zmiana sali\",\"body\":\"Treść \\\"cytat\\\"\"}");
}

TEST_F(Queries, ConsentsGivenAndAttendees) {
  auto seminar = insert(sample_seminar());
  auto anna = add(seminar, "Anna", "anna@example.org", at("2026-03-03T09:00:00Z"), {"newsletter"});
  auto piotr = add(seminar, "Piotr", "piotr@example.org");
  auto given = db_->read([&](store::Connection& c) { return consents_given(c, seminar.id); });
  EXPECT_EQ(given[anna]["newsletter"], "v1");
  EXPECT_FALSE(given.contains(piotr));
  write([&](store::Connection& c) { record_visit(c, piotr, at("2026-03-07T10:05:00Z")); });
  auto people = db_->read([&](store::Connection& c) { return attendees(c, seminar.id); });
  ASSERT_EQ(people.size(), 1u);
  EXPECT_EQ(people[0].id, piotr);
}

TEST_F(Queries, SeminarAssignedOnlyForTheOrganisersRow) {
  auto seminar = insert(sample_seminar());
  write([&](store::Connection& c) {
    c.execute(
        "INSERT INTO accounts (id, email, name, role, created_at) VALUES (5, 'o@example.org', 'O', 'organiser', '2026-01-01T00:00:00Z')");
    c.execute("INSERT INTO seminar_organisers (seminar_id, account_id) VALUES (?, 5)",
              {seminar.id});
  });
  db_->read([&](store::Connection& c) {
    EXPECT_TRUE(seminar_assigned(c, seminar.id, 5));
    EXPECT_FALSE(seminar_assigned(c, seminar.id, 6));
    EXPECT_FALSE(seminar_assigned(c, seminar.id + 1, 5));
  });
}

}  // namespace
}  // namespace rynek::events::testing
