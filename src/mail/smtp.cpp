#include "mail/smtp.hpp"

#include <curl/curl.h>

#include <mutex>
#include <stdexcept>

#include "mail/headers.hpp"
#include "mail/mime.hpp"

namespace rynek::mail {
namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Credentials {
  std::string url;  // without user:password
  std::string user;
  std::string password;
};

// Takes user:password out of the URL so they travel as AUTH, decoded, and never
// appear in logs of the URL.
Credentials split_credentials(const std::string& url) {
  Credentials result{url, "", ""};
  CURLU* parsed = curl_url();
  if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    curl_url_cleanup(parsed);
    throw std::runtime_error("invalid SMTP URL");
  }
  auto take = [&](CURLUPart part, std::string& out) {
    char* value = nullptr;
    if (curl_url_get(parsed, part, &value, CURLU_URLDECODE) == CURLUE_OK && value) {
      out = value;
      curl_free(value);
      curl_url_set(parsed, part, nullptr, 0);
    }
  };
  take(CURLUPART_USER, result.user);
  take(CURLUPART_PASSWORD, result.password);
  char* bare = nullptr;
  if (curl_url_get(parsed, CURLUPART_URL, &bare, 0) == CURLUE_OK && bare) {
    result.url = bare;
    curl_free(bare);
  }
  curl_url_cleanup(parsed);
  return result;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

}  // namespace

struct Attempt {
  SendResult result;
  bool stale_connection = false;  // a kept connection failed before any answer
};

struct SmtpSender::Impl {
  CURL* curl = nullptr;
  Credentials credentials;
  std::chrono::seconds timeout;

  Attempt transfer(const Message& message, const Mailbox& from);
};

SmtpSender::SmtpSender(const std::string& url, std::chrono::seconds timeout)
    : impl_(std::make_unique<Impl>()) {
  global_init();
  impl_->credentials = split_credentials(url);
  impl_->timeout = timeout;
  impl_->curl = curl_easy_init();
  if (!impl_->curl) throw std::runtime_error("curl_easy_init failed");
}

SmtpSender::~SmtpSender() {
  curl_easy_cleanup(impl_->curl);
}

SendResult SmtpSender::send(const Message& message) {
  const Mailbox from = parse_mailbox(message.from);
  if (!is_valid_address(from.address)) {
    return {SendStatus::permanent_failure, "invalid sender address"};
  }
  if (!is_valid_address(message.to_address)) {
    return {SendStatus::permanent_failure, "invalid recipient address"};
  }
  Attempt attempt = impl_->transfer(message, from);
  // A server may close an idle kept connection at any time; that says nothing
  // about the message, so try once more on a fresh connection before reporting.
  if (attempt.stale_connection) attempt = impl_->transfer(message, from);
  return attempt.result;
}

Attempt SmtpSender::Impl::transfer(const Message& message, const Mailbox& from) {
  // Reset drops the previous message's options but keeps the open connection.
  curl_easy_reset(curl);
  curl_easy_setopt(curl, CURLOPT_URL, credentials.url.c_str());
  if (!credentials.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, credentials.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, credentials.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(timeout.count()));

  const std::string mail_from = "<" + from.address + ">";
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
  Slist recipients(curl_slist_append(nullptr, ("<" + message.to_address + ">").c_str()));
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.get());

  Slist headers;
  for (const std::string& line : header_lines(message, from)) {
    curl_slist* head = curl_slist_append(headers.get(), line.c_str());
    if (!head) throw std::bad_alloc();
    (void)headers.release();  // the head stays the same list; keep owning it once
    headers.reset(head);
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  MimeBody body = build_body(curl, message);
  curl_easy_setopt(curl, CURLOPT_MIMEPOST, body.get());

  char error_buffer[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  CURLcode code = curl_easy_perform(curl);
  long response = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response);
  long new_connections = 0;
  curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &new_connections);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  if (code == CURLE_OK) return {{SendStatus::sent, ""}};

  std::string error = curl_easy_strerror(code);
  if (error_buffer[0] != '\0') error += std::string(": ") + error_buffer;
  if (response != 0) error += " (server answered " + std::to_string(response) + ")";
  if (response >= 500 && response < 600) return {{SendStatus::permanent_failure, error}};
  return {{SendStatus::temporary_failure, error}, response == 0 && new_connections == 0};
}

}  // namespace rynek::mail
