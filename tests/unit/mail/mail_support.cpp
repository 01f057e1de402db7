#include "mail_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "../store/database_fixture.hpp"

extern char** environ;

namespace rynek::mail::test {

std::unique_ptr<store::Database> open_test_database(const TempDir& dir) {
  return store::test::open_migrated_database(dir.file("app.db"), 2);
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(fd);
    throw std::runtime_error("free_port failed");
  }
  close(fd);
  return ntohs(address.sin_port);
}

bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

SmtpSink::SmtpSink(std::filesystem::path maildir, int port, std::vector<std::string> extra)
    : maildir_(std::move(maildir)) {
  std::filesystem::create_directories(maildir_);
  std::vector<std::string> args = {
      "/usr/bin/python3",
      (std::filesystem::path(RYNEK_SOURCE_DIR) / "tests" / "tools" / "smtp_sink.py").string(),
      "--port",
      std::to_string(port),
      "--maildir",
      maildir_.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (rc != 0) {
    close(out[0]);
    throw std::runtime_error("cannot start smtp_sink.py");
  }
  std::string line;
  pollfd fd{out[0], POLLIN, 0};
  while (line.find('\n') == std::string::npos && poll(&fd, 1, 15000) > 0) {
    char buffer[256];
    ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    line.append(buffer, static_cast<std::size_t>(n));
  }
  close(out[0]);
  if (line.rfind("READY ", 0) != 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    throw std::runtime_error("smtp_sink.py did not become ready: " + line);
  }
  port_ = std::stoi(line.substr(6));
}

SmtpSink::~SmtpSink() {
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
}

std::vector<std::string> SmtpSink::messages() const {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(maildir_)) {
    if (entry.path().extension() == ".eml" && entry.path().filename().string()[0] != '.') {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> result;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    result.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return result;
}

int SmtpSink::sessions() const {
  std::ifstream in(maildir_ / ".sessions");
  int count = 0;
  in >> count;
  return count;
}

namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string parameter(const std::string& value, const std::string& name) {
  auto at = lower(value).find(name + "=");
  if (at == std::string::npos) return "";
  std::string rest = value.substr(at + name.size() + 1);
  if (!rest.empty() && rest[0] == '"') return rest.substr(1, rest.find('"', 1) - 1);
  return rest.substr(0, rest.find_first_of("; \r\n"));
}

}  // namespace

std::string Entity::header(const std::string& name) const {
  auto it = headers.find(lower(name));
  return it == headers.end() ? "" : it->second;
}

std::size_t Entity::count(const std::string& name) const {
  return headers.count(lower(name));
}

const Entity* Entity::find(const std::string& type) const {
  if (parts.empty()) return lower(header("Content-Type")).rfind(type, 0) == 0 ? this : nullptr;
  for (const auto& part : parts) {
    if (const Entity* found = part.find(type)) return found;
  }
  return nullptr;
}

Entity parse_message(const std::string& raw) {
  Entity entity;
  auto split = raw.find("\r\n\r\n");
  std::string head = raw.substr(0, split);
  std::string body = split == std::string::npos ? "" : raw.substr(split + 4);
  // Unfold, then one header per line.
  std::string unfolded;
  for (std::size_t i = 0; i < head.size(); ++i) {
    if (head.compare(i, 3, "\r\n ") == 0 || head.compare(i, 3, "\r\n\t") == 0) {
      i += 2;
      unfolded += ' ';
    } else {
      unfolded += head[i];
    }
  }
  std::istringstream lines(unfolded);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    entity.headers.emplace(lower(line.substr(0, colon)), value);
  }
  const std::string type = entity.header("Content-Type");
  if (lower(type).rfind("multipart/", 0) == 0) {
    const std::string boundary = "--" + parameter(type, "boundary");
    std::size_t at = body.find(boundary);
    while (at != std::string::npos) {
      std::size_t start = body.find("\r\n", at) + 2;
      if (body.compare(at + boundary.size(), 2, "--") == 0) break;
      std::size_t end = body.find("\r\n" + boundary, start);
      if (end == std::string::npos) break;
      entity.parts.push_back(parse_message(body.substr(start, end - start)));
      at = end + 2;
    }
    return entity;
  }
  const std::string encoding = lower(entity.header("Content-Transfer-Encoding"));
  if (encoding == "base64") {
    entity.body = decode_base64(body);
  } else if (encoding == "quoted-printable") {
    entity.body = decode_quoted_printable(body);
  } else {
    entity.body = body;
  }
  return entity;
}

std::string decode_base64(const std::string& text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int value;
    if (c >= 'A' && c <= 'Z')
      value = c - 'A';
    else if (c >= 'a' && c <= 'z')
      value = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      value = c - '0' + 52;
    else if (c == '+')
      value = 62;
    else if (c == '/')
      value = 63;
    else
      continue;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::string decode_quoted_printable(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
    } else if (text.compare(i + 1, 2, "\r\n") == 0) {
      i += 2;  // soft line break
    } else if (i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    }
  }
  return out;
}

std::string decode_words(const std::string& value) {
  std::string out;
  std::size_t i = 0;
  std::size_t after_word = std::string::npos;  // out's length right after the last word
  while (i < value.size()) {
    if (value.compare(i, 10, "=?UTF-8?B?") == 0) {
      std::size_t end = value.find("?=", i + 10);
      // White space between two adjacent encoded-words is not part of the text.
      if (after_word != std::string::npos) out.resize(after_word);
      out += decode_base64(value.substr(i + 10, end - i - 10));
      i = end + 2;
      after_word = out.size();
    } else {
      if (value[i] != ' ') after_word = std::string::npos;
      out += value[i++];
    }
  }
  return out;
}

}  // namespace rynek::mail::test
