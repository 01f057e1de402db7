#include "core/log.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace rynek::core {
namespace {

TEST(JsonEscape, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(json_escape(R"(say "hi" \o/)"), R"(say \"hi\" \\o/)");
  EXPECT_EQ(json_escape("a\nb\tc\r"), R"(a\nb\tc\r)");
  EXPECT_EQ(json_escape(std::string_view("\x01\x1f\0", 3)), R"(\u0001\u001f\u0000)");
  EXPECT_EQ(json_escape("zażółć"), "zażółć");
}

TEST(Logging, JsonLinesEscapeTheMessage) {
  init_logging("json");
  auto logger = spdlog::default_logger();
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  sink->set_formatter(make_json_formatter());
  logger->sinks().push_back(sink);
  spdlog::info("quote \" and\nnewline");
  logger->sinks().pop_back();
  const std::string line = out.str();
  EXPECT_TRUE(line.starts_with(R"({"ts":")")) << line;
  EXPECT_NE(line.find(R"(","level":"info","msg":"quote \" and\nnewline"})"), std::string::npos)
      << line;
  EXPECT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);
}

// Captures what is written to file descriptor 1 while alive.
class StdoutCapture {
 public:
  StdoutCapture() : file_(std::tmpfile()), saved_(::dup(STDOUT_FILENO)) {
    std::fflush(stdout);
    ::dup2(::fileno(file_), STDOUT_FILENO);
  }
  ~StdoutCapture() {
    ::dup2(saved_, STDOUT_FILENO);
    ::close(saved_);
    std::fclose(file_);
  }
  std::string text() const {
    std::string out;
    std::rewind(file_);
    char buffer[4096];
    while (const auto n = std::fread(buffer, 1, sizeof buffer, file_)) out.append(buffer, n);
    return out;
  }

 private:
  std::FILE* file_;
  int saved_;
};

TEST(AccessLog, WritesWholeLinesFromManyThreads) {
  StdoutCapture capture;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < 500; ++i)
        access_log(R"({"thread":)" + std::to_string(t) + R"(,"i":)" + std::to_string(i) + "}");
    });
  }
  for (auto& thread : threads) thread.join();
  flush_access_log();
  std::istringstream lines(capture.text());
  int count = 0;
  for (std::string line; std::getline(lines, line); ++count) {
    ASSERT_TRUE(line.starts_with(R"({"thread":)") && line.ends_with("}")) << line;
  }
  EXPECT_EQ(count, 2000);
}

TEST(AccessLog, LinesAppearWithoutExplicitFlush) {
  StdoutCapture capture;
  access_log(R"({"path":"/"})");
  for (int i = 0; i < 100 && capture.text().empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(capture.text(), "{\"path\":\"/\"}\n");
}

}  // namespace
}  // namespace rynek::core
