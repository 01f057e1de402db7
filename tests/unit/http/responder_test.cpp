#include "http/responder.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace rynek::http {
namespace {

struct Sent {
  std::vector<Response> responses;
  Responder make() {
    return Responder([this](Response r) { responses.push_back(std::move(r)); });
  }
};

TEST(Responder, AnswersOnceAndDropsASecondAnswer) {
  Sent sent;
  {
    auto respond = sent.make();
    EXPECT_TRUE(respond.pending());
    respond(Response::text(200, "first"));
    EXPECT_FALSE(respond.pending());
    respond(Response::text(201, "second"));
  }
  ASSERT_EQ(sent.responses.size(), 1u);
  EXPECT_EQ(sent.responses[0].status, 200);
  EXPECT_FALSE(Responder::is_abandoned(sent.responses[0]));
}

TEST(Responder, ADroppedResponderAnswersAsAbandoned) {
  Sent sent;
  { auto respond = sent.make(); }
  ASSERT_EQ(sent.responses.size(), 1u);
  EXPECT_EQ(sent.responses[0].status, 500);
  EXPECT_TRUE(Responder::is_abandoned(sent.responses[0]));
}

TEST(Responder, MovingHandsOverTheAnswerWithoutAnswering) {
  Sent sent;
  {
    auto respond = sent.make();
    Responder moved = std::move(respond);
    EXPECT_TRUE(sent.responses.empty());
    moved(Response::text(204, ""));
  }
  ASSERT_EQ(sent.responses.size(), 1u);
  EXPECT_EQ(sent.responses[0].status, 204);
}

TEST(Responder, AssigningOverAnUnansweredResponderAbandonsIt) {
  Sent first;
  Sent second;
  auto respond = first.make();
  respond = second.make();
  ASSERT_EQ(first.responses.size(), 1u);
  EXPECT_TRUE(Responder::is_abandoned(first.responses[0]));
  respond(Response::text(200, "ok"));
  ASSERT_EQ(second.responses.size(), 1u);
  EXPECT_EQ(second.responses[0].status, 200);
}

TEST(Responder, ACallbackThatThrowsStillAnswersThroughItsCapturedResponder) {
  Sent sent;
  {
    core::UniqueFunction<void()> job = [respond = sent.make()] {
      throw std::runtime_error("media store failed");
    };
    EXPECT_THROW(job(), std::runtime_error);
    EXPECT_TRUE(sent.responses.empty());
  }  // the pool drops the job after logging: the Responder answers
  ASSERT_EQ(sent.responses.size(), 1u);
  EXPECT_TRUE(Responder::is_abandoned(sent.responses[0]));
}

TEST(Responder, ADefaultResponderOwesNothing) {
  Responder respond;
  EXPECT_FALSE(respond.pending());
  respond(Response::text(200, "ignored"));  // logged, no crash
}

}  // namespace
}  // namespace rynek::http
