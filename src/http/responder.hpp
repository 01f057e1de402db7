// How an asynchronous handler answers its request.
//
// A Responder is move-only and answers exactly once: the first call sends the
// response, later calls are logged and ignored. A Responder destroyed without an
// answer — a callback that threw, a job dropped by a full queue or a stopped
// pool, a forgotten branch — answers for the handler: the server sends its usual
// 500 page, so no request can hang until the client or the shutdown gives up.
// It may be called and destroyed on any thread; the server resumes the request on
// its own I/O thread.
#pragma once

#include <memory>
#include <type_traits>

#include "core/unique_function.hpp"
#include "http/message.hpp"

namespace rynek::http {

class Responder {
 public:
  using Sink = core::UniqueFunction<void(Response)>;

  Responder() = default;
  explicit Responder(Sink sink);
  // Any callable taking the Response (tests, wrappers that add headers).
  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, Responder> &&
                                              !std::is_same_v<std::decay_t<F>, Sink> &&
                                              std::is_invocable_v<std::decay_t<F>&, Response>>>
  Responder(F&& f) : Responder(Sink(std::forward<F>(f))) {}
  Responder(Responder&& other) noexcept = default;
  // Assigning over a Responder that still owes its answer abandons that answer.
  Responder& operator=(Responder&& other) noexcept;
  Responder(const Responder&) = delete;
  Responder& operator=(const Responder&) = delete;
  ~Responder();

  // Sends the answer. Const so that lambdas capturing a Responder need not be
  // mutable; the state it changes is the shared answer slot, not the handle.
  void operator()(Response response) const;
  // True while an answer is still owed.
  bool pending() const { return state_ && state_->sink; }

  // The response an abandoned Responder delivers; the server replaces it with its 500 page.
  static bool is_abandoned(const Response& response) { return response.abandoned; }

 private:
  struct State {
    Sink sink;
  };
  void abandon() noexcept;
  std::unique_ptr<State> state_;
};

}  // namespace rynek::http
