// The MIME shape of an outgoing message, built with libcurl's curl_mime:
//
//   multipart/mixed
//     multipart/alternative            (only text/plain when there is no HTML)
//       text/plain; charset=utf-8      quoted-printable
//       text/html; charset=utf-8       quoted-printable
//     attachment ...                   base64, e.g. invite.ics
//
// and the top-level header lines, every one cleaned or encoded (headers.hpp).
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>
#include <vector>

#include "mail/headers.hpp"
#include "mail/message.hpp"

namespace rynek::mail {

struct MimeDeleter {
  void operator()(curl_mime* mime) const { curl_mime_free(mime); }
};
using MimeBody = std::unique_ptr<curl_mime, MimeDeleter>;

// From, To, Reply-To (when set and valid), Subject, Date, Message-ID, MIME-Version,
// Auto-Submitted.
// `from` is the parsed and validated message.from.
std::vector<std::string> header_lines(const Message& message, const Mailbox& from);

MimeBody build_body(CURL* curl, const Message& message);

// A text/plain part as sent: at most one empty line in a row, one final line break.
std::string tidy_text_part(std::string_view text);

// Text with every line break as CRLF, which quoted-printable needs to keep lines.
std::string crlf_lines(std::string_view text);

}  // namespace rynek::mail
