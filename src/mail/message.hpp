// A composed e-mail, ready for SMTP.
#pragma once

#include <string>
#include <vector>

namespace rynek::mail {

struct Attachment {
  std::string filename;
  std::string content_type;  // e.g. "text/calendar; charset=utf-8; method=PUBLISH"
  std::string data;
};

struct Message {
  std::string from;      // "Name <address>" or "address"
  std::string reply_to;  // an address answers go to (a seminar's contact); "" for none
  std::string to_address;
  std::string to_name;
  std::string subject;  // plain UTF-8; encoded (RFC 2047) by the sender
  std::string text;     // text/plain alternative (always)
  std::string html;     // text/html alternative (optional)
  std::vector<Attachment> attachments;
  std::string message_id;  // "<outbox-12.1772874000@forum.example.org>"
};

}  // namespace rynek::mail
