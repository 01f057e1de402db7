// Every asynchronous route answers even when the database refuses every write:
// a failing store is injected under the real App, every POST route is called
// with a signed-in session and a valid CSRF token, and each must answer within
// seconds (an error page, a redirect or a form) — never hang. A Responder
// dropped anywhere on the way answers 500 by itself (http/responder.hpp).
#include <gtest/gtest.h>

#include <future>
#include <regex>

#include "accounts/account_store.hpp"
#include "accounts/session.hpp"
#include "app_fixture.hpp"
#include "web/forms.hpp"

namespace rynek::web {
namespace {

// Reads go to the real database; every write fails as a full disk would.
class FailingWrites final : public store::Database {
 public:
  explicit FailingWrites(store::Database& inner) : inner_(inner) {}
  std::vector<std::string> migrate() override { return {}; }
  std::string backend_name() const override { return "failing"; }
  void close() override {}
  std::atomic<int> refused{0};

 protected:
  void with_reader(const std::function<void(store::Connection&)>& fn) override {
    inner_.read([&](store::Connection& c) { fn(c); });
  }
  void submit(store::WriteTask task) override {
    ++refused;
    complete(task.done, store::WriteOutcome{false, store::DbErrc::io, "injected: disk full"},
             store::CompleteOn::writer_thread);
  }

 private:
  store::Database& inner_;
};

class AsyncPaths : public test::AppTest {};

TEST_F(AsyncPaths, EveryPostRouteAnswersWhenEveryWriteFails) {
  auto values = accounts::make_session_values();
  db_->write_and_wait([&](store::Connection& db) {
    auto id = accounts::create_account(db, "admin@rynek.test", "Admin", accounts::Role::admin, "",
                                       core::Clock::now());
    accounts::insert_session(db, values, id, "test", core::Clock::now());
  });
  FailingWrites failing(*db_);
  App app{config_, failing, *templates_, *static_files_, *media_,
          cache_,  secret_, limits_,     work_pool_};
  auto router = make_router(app);
  const std::string visitor_cookie(22, 'V');
  const std::string cookies = std::string(admin::kSessionCookie) + "=" + values.cookie_value +
                              "; " + std::string(kCsrfCookie) + "=" + visitor_cookie;
  int routes = 0;
  for (const auto& route : router.routes()) {
    auto* handler = std::get_if<http::AsyncHandler>(&route.handler);
    if (!handler) continue;
    ++routes;
    // Fill the pattern's parameters with plausible values.
    std::map<std::string, std::string> params;
    std::string path = route.pattern;
    static const std::regex param(R"(\{([a-z0-9_]+)(\.\.\.)?\})");
    for (std::smatch m; std::regex_search(path, m, param);) {
      std::string value = m[1] == "token"  ? std::string(22, 'x')
                          : m[1] == "slug" ? "seminarium"
                                           : "1";
      params[m[1]] = value;
      path = m.prefix().str() + value + m.suffix().str();
    }
    const std::string csrf =
        route.csrf == http::Csrf::session_form ? values.csrf : secret_.csrf_token(visitor_cookie);
    auto request = test::make_request(http::Method::post, path, params,
                                      "csrf=" + csrf + "&email=a%40rynek.test&password=x&name=A");
    request.headers.add("Content-Type", "application/x-www-form-urlencoded");
    request.headers.add("Cookie", cookies);
    request.route_name = route.name;
    std::promise<http::Response> answered;
    auto future = answered.get_future();
    (*handler)(request,
               http::Responder([&](http::Response r) { answered.set_value(std::move(r)); }));
    ASSERT_EQ(future.wait_for(std::chrono::seconds(20)), std::future_status::ready)
        << route.name << " never answered";
    auto response = future.get();
    EXPECT_NE(response.status, 200) << route.name << " claims success although nothing was stored";
  }
  EXPECT_GT(routes, 20);
}

}  // namespace
}  // namespace rynek::web
