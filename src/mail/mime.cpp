#include "mail/mime.hpp"

#include <stdexcept>

namespace rynek::mail {
namespace {

void check(CURLcode code, const char* what) {
  if (code != CURLE_OK) throw std::runtime_error(std::string("curl_mime: ") + what);
}

void add_text_part(curl_mime* mime, const std::string& text, const char* type) {
  curl_mimepart* part = curl_mime_addpart(mime);
  const std::string body = crlf_lines(text);
  check(curl_mime_data(part, body.data(), body.size()), "data");
  check(curl_mime_type(part, type), "type");
  check(curl_mime_encoder(part, "quoted-printable"), "encoder");
}

// A filename becomes a quoted header parameter: keep it to harmless characters.
std::string safe_filename(std::string_view name) {
  std::string out;
  for (unsigned char c : name) {
    if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\' || c == '/' || c == ';') continue;
    out += static_cast<char>(c);
  }
  return out.empty() ? "attachment" : out;
}

// A content type carries parameters, so only strip what could break the line.
std::string safe_content_type(std::string_view type) {
  std::string out = clean_header_text(type);
  return out.empty() ? "application/octet-stream" : out;
}

// Message-IDs come from the worker, but are checked like any other header.
std::string safe_message_id(std::string_view id) {
  std::string out;
  for (unsigned char c : id) {
    if (c > 0x20 && c < 0x7F) out += static_cast<char>(c);
  }
  return out;
}

}  // namespace

std::string crlf_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\r\n";
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<std::string> header_lines(const Message& message, const Mailbox& from) {
  std::vector<std::string> lines;
  lines.push_back("From: " + format_mailbox(from.name, from.address));
  lines.push_back("To: " + format_mailbox(message.to_name, message.to_address));
  // Answers go to the people who run the seminar, not to the no-reply sender.
  if (!message.reply_to.empty() && is_valid_address(message.reply_to))
    lines.push_back("Reply-To: " + message.reply_to);
  lines.push_back("Subject: " + encode_header_text(message.subject));
  lines.push_back("Date: " + format_rfc5322_date(core::Clock::now()));
  const std::string id = safe_message_id(message.message_id);
  if (!id.empty()) lines.push_back("Message-ID: " + id);
  lines.push_back("MIME-Version: 1.0");
  lines.push_back("Auto-Submitted: auto-generated");
  return lines;
}

std::string tidy_text_part(std::string_view text) {
  // Optional parts of a template leave empty lines behind: never more than one in a row.
  std::string out;
  out.reserve(text.size());
  std::size_t newlines = 0;
  for (char c : text) {
    if (c == '\r') continue;
    if (c == '\n') {
      if (++newlines > 2) continue;
    } else {
      newlines = 0;
    }
    out += c;
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  out += '\n';
  return out;
}

MimeBody build_body(CURL* curl, const Message& message) {
  MimeBody mixed(curl_mime_init(curl));
  if (!mixed) throw std::bad_alloc();
  if (message.html.empty()) {
    add_text_part(mixed.get(), tidy_text_part(message.text), "text/plain; charset=utf-8");
  } else {
    MimeBody alternative(curl_mime_init(curl));
    if (!alternative) throw std::bad_alloc();
    add_text_part(alternative.get(), tidy_text_part(message.text), "text/plain; charset=utf-8");
    add_text_part(alternative.get(), message.html, "text/html; charset=utf-8");
    curl_mimepart* part = curl_mime_addpart(mixed.get());
    // On success the part owns the subparts.
    check(curl_mime_subparts(part, alternative.get()), "subparts");
    (void)alternative.release();
    check(curl_mime_type(part, "multipart/alternative"), "type");
  }
  for (const Attachment& attachment : message.attachments) {
    curl_mimepart* part = curl_mime_addpart(mixed.get());
    check(curl_mime_data(part, attachment.data.data(), attachment.data.size()), "data");
    check(curl_mime_type(part, safe_content_type(attachment.content_type).c_str()), "type");
    check(curl_mime_filename(part, safe_filename(attachment.filename).c_str()), "filename");
    check(curl_mime_encoder(part, "base64"), "encoder");
  }
  return mixed;
}

}  // namespace rynek::mail
