#include "core/i18n.hpp"
#include "web/app.hpp"
#include "web/page.hpp"

namespace rynek::web {
namespace {

struct ErrorText {
  const char* title;
  const char* message;
};

ErrorText error_text(int status) {
  switch (status) {
    case 400:
      return {
          core::N_("Bad request"),
          core::N_("The address or the form could not be read. Please check it and try again.")};
    case 403:
      return {core::N_("Access denied"), core::N_("You do not have permission to open this page.")};
    case 404:
      return {core::N_("Page not found"),
              core::N_("The page you are looking for does not exist or has been moved.")};
    case 405:
      return {core::N_("Method not allowed"),
              core::N_("This address does not accept this kind of request.")};
    case 413:
      return {core::N_("Request too large"),
              core::N_("What you sent is larger than this address accepts.")};
    case 429:
      return {core::N_("Too many requests"), core::N_("Please wait a moment and try again.")};
    case 431:
      return {
          core::N_("Request headers too large"),
          core::N_(
              "Your browser sent too much data in the request headers. Clearing this site's cookies may help.")};
    case 501:
      return {core::N_("Not implemented"),
              core::N_("This server does not support this kind of request.")};
    case 503:
      return {core::N_("Service unavailable"),
              core::N_("The service is temporarily unavailable. Please try again in a moment.")};
    default:
      return {core::N_("Something went wrong"),
              core::N_("We could not complete your request. Please try again in a moment.")};
  }
}

}  // namespace

http::Response render_error(const App& app, int status, const http::Request* request) {
  std::string lang = request ? request_language(app, *request) : app.config.lang;
  auto text = error_text(status);
  view::Value context;
  context["status"] = status;
  context["heading"] = core::translate(lang, text.title);
  context["message"] = core::translate(lang, text.message);
  context["is_not_found"] = status == 404;
  PageMeta meta;
  meta.title = core::translate(lang, text.title);
  http::Request empty;
  empty.path = "/";
  auto response =
      render_page(app, request ? *request : empty, lang, "error", std::move(context), meta, status);
  response.headers.set("Cache-Control", "no-store");
  return response;
}

}  // namespace rynek::web
