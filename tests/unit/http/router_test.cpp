#include "http/router.hpp"

#include <gtest/gtest.h>

namespace rynek::http {
namespace {

Route route(Method method, std::string pattern, std::string name) {
  return Route{method, std::move(pattern), std::move(name),
               SyncHandler([](Request&) { return Response::text(200, "ok"); })};
}

Router make_router() {
  Router router;
  router.add(route(Method::get, "/", "home"));
  router.add(route(Method::get, "/aktualnosci", "news.list"));
  router.add(route(Method::get, "/aktualnosci/{slug}", "news.article"));
  router.add(route(Method::post, "/aktualnosci/{slug}", "news.update"));
  router.add(route(Method::get, "/static/{path...}", "static"));
  return router;
}

TEST(Router, MatchesLiteralRoot) {
  auto router = make_router();
  auto match = router.match(Method::get, "/");
  ASSERT_TRUE(std::holds_alternative<RouteMatch>(match));
  EXPECT_EQ(std::get<RouteMatch>(match).route->name, "home");
}

TEST(Router, BindsPathParameters) {
  auto router = make_router();
  auto match = router.match(Method::get, "/aktualnosci/forum-2026");
  ASSERT_TRUE(std::holds_alternative<RouteMatch>(match));
  const auto& found = std::get<RouteMatch>(match);
  EXPECT_EQ(found.route->name, "news.article");
  EXPECT_EQ(found.params.at("slug"), "forum-2026");
}

TEST(Router, RestParameterTakesRemainingSegments) {
  auto router = make_router();
  auto match = router.match(Method::get, "/static/css/site.css");
  ASSERT_TRUE(std::holds_alternative<RouteMatch>(match));
  EXPECT_EQ(std::get<RouteMatch>(match).params.at("path"), "css/site.css");
  EXPECT_TRUE(std::holds_alternative<NoRoute>(router.match(Method::get, "/static")));
}

TEST(Router, HeadMatchesGetRoutes) {
  auto router = make_router();
  auto match = router.match(Method::head, "/aktualnosci");
  ASSERT_TRUE(std::holds_alternative<RouteMatch>(match));
  EXPECT_EQ(std::get<RouteMatch>(match).route->name, "news.list");
}

TEST(Router, WrongMethodGives405WithAllow) {
  auto router = make_router();
  auto match = router.match(Method::del, "/aktualnosci/x");
  ASSERT_TRUE(std::holds_alternative<MethodNotAllowed>(match));
  EXPECT_EQ(std::get<MethodNotAllowed>(match).allow, "GET, HEAD, POST");
  auto post_list = router.match(Method::post, "/aktualnosci");
  ASSERT_TRUE(std::holds_alternative<MethodNotAllowed>(post_list));
  EXPECT_EQ(std::get<MethodNotAllowed>(post_list).allow, "GET, HEAD");
}

TEST(Router, UnknownPathsAndExtraSegmentsAreNotFound) {
  auto router = make_router();
  EXPECT_TRUE(std::holds_alternative<NoRoute>(router.match(Method::get, "/nie-ma")));
  EXPECT_TRUE(std::holds_alternative<NoRoute>(router.match(Method::get, "/aktualnosci/a/b")));
  EXPECT_TRUE(std::holds_alternative<NoRoute>(router.match(Method::get, "/aktualnosci/")));
}

}  // namespace
}  // namespace rynek::http
