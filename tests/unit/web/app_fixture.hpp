// The whole web application in process, as main() assembles it but without a
// socket: configuration, a migrated SQLite file, media store, templates, static
// files, page cache, secret, rate limits, App and router. Tests call handlers
// directly or go through the router (get), which is the layer between the unit
// tests and the black-box integration tests.
//
// WithApp is a mixin over the database fixture so that a suite with a richer
// database fixture (seminars and registrations) can have the application too.
#pragma once

#include <chrono>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "../store/database_fixture.hpp"
#include "core/i18n.hpp"
#include "http/finish.hpp"
#include "http/url.hpp"
#include "web/admin/access.hpp"
#include "web/app.hpp"

namespace rynek::web::test {

inline constexpr std::string_view kBoundary = "----TestBoundary42";

struct FilePart {
  std::string name, filename, bytes;
};

// A multipart/form-data body (boundary kBoundary); files are sent as PDFs.
inline std::string multipart(const std::vector<std::pair<std::string, std::string>>& fields,
                             const std::vector<FilePart>& files = {}) {
  std::string body;
  for (const auto& [name, value] : fields) {
    body += "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"" + name +
            "\"\r\n\r\n" + value + "\r\n";
  }
  for (const auto& file : files) {
    body += "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"" +
            file.name + "\"; filename=\"" + file.filename +
            "\"\r\nContent-Type: application/pdf\r\n\r\n" + file.bytes + "\r\n";
  }
  return body + "--" + std::string(kBoundary) + "--\r\n";
}

inline bool contains(const http::Response& response, std::string_view text) {
  return response.body_view().find(text) != std::string_view::npos;
}

// A request as the server hands it to a handler: the target's path and query
// decoded, route parameters as the router would have matched them.
inline http::Request make_request(http::Method method, const std::string& target,
                                  std::map<std::string, std::string> params = {},
                                  std::string body = "") {
  http::Request r;
  r.method = method;
  r.target = target;
  auto decoded = http::decode_target(target);
  EXPECT_TRUE(decoded) << target;
  if (decoded) {
    r.path = decoded->path;
    r.query = decoded->query;
    r.query_string = decoded->query_string;
  }
  r.params = std::move(params);
  r.body = std::move(body);
  return r;
}

template <class Base = store::test::DatabaseTest>
class WithApp : public Base {
 protected:
  static void SetUpTestSuite() {
    core::init_i18n(std::filesystem::path(RYNEK_BINARY_DIR) / "locale");
  }

  void SetUp() override {
    Base::SetUp();
    config_.base_url = "http://rynek.test";
    config_.data_dir = this->root_ / "data";
    media_ = std::make_unique<content::MediaStore>(config_.data_dir);
    templates_ =
        std::make_unique<view::Templates>(std::filesystem::path(RYNEK_SOURCE_DIR) / "templates",
                                          [](const std::string& lang, const std::string& msgid) {
                                            return core::translate(lang, msgid);
                                          });
    static_files_ =
        std::make_unique<http::StaticFiles>(std::filesystem::path(RYNEK_SOURCE_DIR) / "static");
    app_ = std::make_unique<App>(App{config_, *this->db_, *templates_, *static_files_, *media_,
                                     cache_, secret_, limits_, work_pool_});
    router_ = make_router(*app_);
  }

  // A GET through the router, finished as the server would send it.
  http::Response get(const std::string& target, const std::string& cookie = "") {
    auto request = make_request(http::Method::get, target);
    if (!cookie.empty()) request.headers.add("Cookie", cookie);
    auto match = router_.match(request.method, request.path);
    http::Response response;
    if (auto* found = std::get_if<http::RouteMatch>(&match)) {
      request.params = found->params;
      response = std::get<http::SyncHandler>(found->route->handler)(request);
    } else {
      response = render_error(*app_, 404, &request);
    }
    http::finish_response(request, response);
    if (response.raw_head) {
      // A page-cache hit carries its prepared header block instead of a header list.
      std::istringstream head(*response.raw_head);
      std::string line;
      std::getline(head, line);
      while (std::getline(head, line) && line != "\r") {
        auto colon = line.find(": ");
        response.headers.add(line.substr(0, colon),
                             line.substr(colon + 2, line.size() - colon - 3));
      }
    }
    return response;
  }

  // Calls a back-office handler that answers later (after a write job) and
  // waits for its answer; the handler gets its own copy of the request.
  http::Response run_async(admin::AsyncHandler handler, http::Request request,
                           const admin::Session& session) {
    std::promise<http::Response> promise;
    auto future = promise.get_future();
    handler(*app_, request, session, http::Responder([&promise](http::Response response) {
      promise.set_value(std::move(response));
    }));
    EXPECT_EQ(future.wait_for(std::chrono::seconds(30)), std::future_status::ready);
    return future.get();
  }

  core::Config config_;
  std::unique_ptr<content::MediaStore> media_;
  std::unique_ptr<view::Templates> templates_;
  std::unique_ptr<http::StaticFiles> static_files_;
  PageCache cache_;
  core::Secret secret_{std::string(32, 's')};
  RateLimits limits_;
  std::unique_ptr<App> app_;
  http::Router router_;
  // Last: stopped first, before the App and database its jobs refer to.
  core::WorkPool work_pool_{2, 64};
};

using AppTest = WithApp<>;

}  // namespace rynek::web::test
