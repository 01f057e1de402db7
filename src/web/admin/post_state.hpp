// The plumbing shared by the back office's multipart POST handlers (articles,
// seminars, their attachments and materials).
//
// Each such POST is handled in three steps: parse and validate on the I/O
// thread (cheap); check and store uploaded files on the shared slow-work pool
// (image decoding, fsync); then one write job that records the media rows,
// changes the record and writes the audit entry, so all of it commits or none
// does. The answer is sent when the job is durable. Because the steps run on
// different threads, the request (without its body, which can be megabytes),
// the session and the responder live in a shared PostState that every step's
// callback keeps alive; the record being edited is loaded into it once, up
// front, so a route naming no such record is a 404 before any work is done.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http/multipart.hpp"
#include "web/admin/access.hpp"
#include "web/app.hpp"

namespace rynek::web::admin {

// A positive id from a route parameter; nullopt when missing or not one
// (core::parse_positive_id: digits only, no sign or spaces).
std::optional<std::int64_t> id_param(const http::Request& request, const char* name = "id");

// What every step needs; PostState adds the record being edited.
struct PostContext {
  App& app;
  http::Request request;  // without its body
  Session session;
  http::Responder respond;
  std::string lang;
  std::optional<std::int64_t> id;  // the route's "id", once load_existing ran
};

template <class Existing>
struct PostState : PostContext {
  std::optional<Existing> existing;  // empty when creating
};

// Takes the body out of the request into `body` and keeps the rest.
PostContext post_context(App& app, http::Request& request, const Session& session,
                         http::Responder respond, std::string& body);

template <class Existing>
std::shared_ptr<PostState<Existing>> start_post(App& app, http::Request& request,
                                                const Session& session, http::Responder respond,
                                                std::string& body) {
  return std::make_shared<PostState<Existing>>(
      PostState<Existing>{post_context(app, request, session, std::move(respond), body), {}});
}

void respond_error(PostContext& state, int status);

// The record, when the route has an id: `loader(db, id)` returns
// std::optional<Existing>. True with nothing loaded when the route has no id
// (a new record); false, with a 404 sent, when the id is malformed or unknown.
template <class Existing, class Loader>
bool load_existing(PostState<Existing>& state, Loader&& loader) {
  state.id = id_param(state.request);
  if (!state.id) {
    if (state.request.params.count("id") == 0) return true;
    respond_error(state, 404);
    return false;
  }
  state.existing = state.app.db.read([&](store::Connection& db) { return loader(db, *state.id); });
  if (!state.existing) respond_error(state, 404);
  return state.existing.has_value();
}

// The multipart body; nullopt, with a 400 sent (and the reason logged), when it is malformed.
std::optional<http::Multipart> parse_multipart_body(PostContext& state, std::string_view body,
                                                    const http::MultipartLimits& limits = {});

// Adds the members of a JSON object (a change summary; "" for none) to `target`.
void merge_into(boost::json::object& target, const std::string& json);

}  // namespace rynek::web::admin
