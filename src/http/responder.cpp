#include "http/responder.hpp"

#include <spdlog/spdlog.h>

namespace rynek::http {

Responder::Responder(Sink sink) : state_(std::make_unique<State>(State{std::move(sink)})) {}

Responder& Responder::operator=(Responder&& other) noexcept {
  if (this != &other) {
    abandon();
    state_ = std::move(other.state_);
  }
  return *this;
}

Responder::~Responder() {
  abandon();
}

void Responder::operator()(Response response) const {
  if (!pending()) {
    spdlog::error("http: a handler answered a request twice; the second answer is dropped");
    return;
  }
  Sink sink = std::move(state_->sink);
  sink(std::move(response));
}

void Responder::abandon() noexcept {
  if (!pending()) return;
  Sink sink = std::move(state_->sink);
  Response response;
  response.status = 500;
  response.abandoned = true;
  try {
    sink(std::move(response));
  } catch (const std::exception& e) {
    spdlog::error("http: answering an abandoned request failed: {}", e.what());
  } catch (...) {
    spdlog::error("http: answering an abandoned request failed");
  }
}

}  // namespace rynek::http
