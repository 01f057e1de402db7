// In-process tests of the registration pages: handlers called directly with a
// session, as the guard would call them, on a real SQLite file.
#include <gtest/gtest.h>

#include "../web/app_fixture.hpp"
#include "accounts/account.hpp"
#include "fixture.hpp"
#include "web/admin/attendance_chart.hpp"
#include "web/admin/exports.hpp"
#include "web/admin/messages.hpp"
#include "web/admin/registrations.hpp"

namespace rynek::web::admin {
namespace {

using events::testing::at;
using test::contains;

class RegistrationPages : public test::WithApp<events::testing::AdminRegistrationsTest> {
 protected:
  // get(id) is a registration here, not a page through the router.
  using AdminRegistrationsTest::get;

  void SetUp() override {
    WithApp::SetUp();
    write([](store::Connection& c) {
      c.execute(
          "INSERT INTO accounts (id, email, name, role, created_at) VALUES"
          " (1, 'admin@example.org', 'Ada', 'admin', '2026-01-01T00:00:00Z'),"
          " (2, 'org@example.org', 'Olek', 'organiser', '2026-01-01T00:00:00Z')");
    });
    auto seminar = sample_seminar();
    seminar.capacity = 2;
    seminar.requires_approval = true;
    seminar_ = insert(seminar);
    anna_ =
        add(seminar_, "Anna Nowak", "anna@example.org", at("2026-03-03T09:00:00Z"), {"newsletter"});
    piotr_ = add(seminar_, "Piotr Anusz", "piotr@example.org");
  }

  Session session(accounts::Role role = accounts::Role::admin) {
    Session s;
    s.account.id = role == accounts::Role::organiser ? 2 : 1;
    s.account.role = role;
    s.account.name = "Ada";
    s.csrf = "csrf-token";
    return s;
  }

  http::Request request(const std::string& target, std::map<std::string, std::string> params,
                        std::string body = "") {
    auto method = body.empty() ? http::Method::get : http::Method::post;
    return test::make_request(method, target, std::move(params), std::move(body));
  }
  std::map<std::string, std::string> id_params() { return {{"id", std::to_string(seminar_.id)}}; }

  std::string list_url() {
    return "/admin/seminaria/" + std::to_string(seminar_.id) + "/zgloszenia";
  }

  events::Seminar seminar_;
  std::int64_t anna_ = 0, piotr_ = 0;
};

TEST_F(RegistrationPages, ListShowsCountsRowsAndFilters) {
  auto r = request(list_url(), id_params());
  auto response = registrations_page(*app_, r, session());
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(contains(response, "Anna Nowak"));
  EXPECT_TRUE(contains(response, "piotr@example.org"));
  EXPECT_TRUE(contains(response, "newsletter (v1)"));
  EXPECT_TRUE(contains(response, "name=\"csrf\" value=\"csrf-token\""));
  EXPECT_TRUE(contains(response, "value=\"approve\""));

  r = request(list_url() + "?q=ANUSZ", id_params());
  response = registrations_page(*app_, r, session());
  EXPECT_FALSE(contains(response, "Anna Nowak"));
  EXPECT_TRUE(contains(response, "Piotr Anusz"));
  EXPECT_TRUE(contains(response, "zgloszenia.csv?q=ANUSZ"));
}

TEST_F(RegistrationPages, OrganiserSeesOnlyAssignedSeminars) {
  auto r = request(list_url(), id_params());
  EXPECT_EQ(registrations_page(*app_, r, session(accounts::Role::organiser)).status, 404);
  EXPECT_EQ(registrations_csv(*app_, r, session(accounts::Role::organiser)).status, 404);
  write([&](store::Connection& c) {
    c.execute("INSERT INTO seminar_organisers (seminar_id, account_id) VALUES (?, 2)",
              {seminar_.id});
  });
  EXPECT_EQ(registrations_page(*app_, r, session(accounts::Role::organiser)).status, 200);
  auto missing = request("/admin/seminaria/999/zgloszenia", {{"id", "999"}});
  EXPECT_EQ(registrations_page(*app_, missing, session()).status, 404);
}

TEST_F(RegistrationPages, ApproveChangesStateMailsAuditsAndRedirects) {
  auto r = request(list_url() + "/" + std::to_string(anna_),
                   {{"id", std::to_string(seminar_.id)}, {"registration", std::to_string(anna_)}},
                   "csrf=csrf-token&action=approve&back=q%3Danna%26page%3D1");
  auto response = run_async(registration_action, r, session());
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(response.headers.get("Location").value_or(""),
            list_url() + "?done=approved&q=anna&page=1");
  EXPECT_EQ(get(anna_).state, events::RegistrationState::registered);
  EXPECT_EQ(outbox().back().first, "registration.approved");
  EXPECT_EQ(
      count(
          "SELECT count(*) FROM audit_log WHERE action = 'registration.approve' AND account_id = 1"),
      1);

  // Again: nothing changes, nothing is audited.
  response = run_async(registration_action, r, session());
  EXPECT_EQ(response.headers.get("Location").value_or(""),
            list_url() + "?done=unchanged&q=anna&page=1");
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 1);

  auto shown = request(list_url() + "?done=approved", id_params());
  EXPECT_TRUE(contains(registrations_page(*app_, shown, session()), "role=\"status\""));
}

TEST_F(RegistrationPages, ActionOnAnotherSeminarsRegistrationIs404) {
  auto other = sample_seminar();
  other.slug = "inne";
  other = insert(other);
  auto stranger = add(other, "Obcy", "obcy@example.org");
  auto r =
      request(list_url() + "/" + std::to_string(stranger),
              {{"id", std::to_string(seminar_.id)}, {"registration", std::to_string(stranger)}},
              "csrf=csrf-token&action=cancel");
  EXPECT_EQ(run_async(registration_action, r, session()).status, 404);
  EXPECT_EQ(get(stranger).state, events::RegistrationState::registered);
}

TEST_F(RegistrationPages, CsvAndXlsxExportsRespectFilters) {
  auto r = request(list_url() + ".csv?q=anna", id_params());
  auto csv = registrations_csv(*app_, r, session());
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.headers.get("Content-Disposition").value_or(""),
            "attachment; filename=\"zgloszenia-forum.csv\"");
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBFid,name,email,state", 0), 0u);
  EXPECT_NE(csv.body.find("Anna Nowak"), std::string::npos);
  EXPECT_EQ(csv.body.find("Piotr"), std::string::npos);
  auto xlsx = registrations_xlsx(*app_, r, session());
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

TEST_F(RegistrationPages, MessageIsValidatedQueuedPerRecipientAndAudited) {
  const auto url = "/admin/seminaria/" + std::to_string(seminar_.id) + "/wiadomosc";
  auto bad =
      request(url, id_params(), "csrf=csrf-token&audience=active&subject=A%0D%0ABcc%3A+x&body=Hi");
  auto response = run_async(message_send, bad, session());
  EXPECT_EQ(response.status, 422);
  EXPECT_TRUE(contains(response, "Hi</textarea>"));
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE kind = 'admin.message'"), 0);

  auto good =
      request(url, id_params(),
              "csrf=csrf-token&audience=selected&r=" + std::to_string(piotr_) +
                  "&subject=Zmiana+sali&body=Sala+12%0D%0A%0D%0A%3Cb%3Ewa%C5%BCne%3C%2Fb%3E");
  response = run_async(message_send, good, session());
  EXPECT_EQ(response.status, 303);
  EXPECT_EQ(response.headers.get("Location").value_or(""), list_url() + "?done=sent&count=1");
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE kind = 'admin.message'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'registration.message'"
                  " AND details LIKE '%\"recipients\":1%'"),
            1);

  auto queued = db_->read([](store::Connection& c) {
    auto row = c.query_one(
        "SELECT id, kind, to_address, to_name, lang, payload FROM outbox WHERE kind = 'admin.message'");
    mail::QueuedMessage m;
    m.id = row->integer(0);
    m.kind = row->text(1);
    m.to_address = row->text(2);
    m.to_name = row->text(3);
    m.lang = row->text(4);
    m.payload = row->text(5);
    return m;
  });
  auto message = compose_admin_message(*app_, queued);
  ASSERT_TRUE(message.has_value());
  EXPECT_EQ(message->subject, "Zmiana sali");
  EXPECT_EQ(message->to_address, "piotr@example.org");
  const auto link = "http://rynek.test/u/" + secret_.participation_token(get(piotr_).token_nonce);
  EXPECT_NE(message->text.find("Sala 12"), std::string::npos);
  EXPECT_NE(message->text.find(link), std::string::npos);
  EXPECT_NE(message->html.find("&lt;b&gt;ważne&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(message->html.find("Forum"), std::string::npos);
  queued.kind = "registration.confirmation";
  EXPECT_FALSE(compose_admin_message(*app_, queued).has_value());
}

TEST_F(RegistrationPages, MessageFormPreselectsTickedRegistrations) {
  auto r = request(
      "/admin/seminaria/" + std::to_string(seminar_.id) + "/wiadomosc?r=" + std::to_string(anna_),
      id_params());
  auto response = message_form(*app_, r, session());
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(contains(response, "name=\"r\" value=\"" + std::to_string(anna_) + "\""));
  EXPECT_TRUE(contains(response, "value=\"selected\" checked"));
}

TEST_F(RegistrationPages, AttendancePageDrawsTheChartAndListsWhoJoined) {
  write([&](store::Connection& c) {
    events::approve_registration(c, anna_, at("2026-03-04T09:00:00Z"));
    events::record_visit(c, anna_, at("2026-03-07T10:02:00Z"));
  });
  auto r = request("/admin/seminaria/" + std::to_string(seminar_.id) + "/obecnosc", id_params());
  auto response = attendance_page(*app_, r, session());
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(contains(response, "<svg class=\"attendance-chart\" role=\"img\""));
  EXPECT_TRUE(contains(response, "Anna Nowak"));
  EXPECT_FALSE(contains(response, "Piotr Anusz"));
}

}  // namespace
}  // namespace rynek::web::admin
