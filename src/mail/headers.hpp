// Header fields that are safe to send.
//
// Everything that reaches a header line — names, subjects, addresses — comes
// from people filling in forms, so nothing here trusts its input: control
// characters (CR and LF above all, the header-injection pair) are removed or
// the value is refused, non-ASCII text travels as RFC 2047 encoded-words, and a
// display name is either a quoted string or encoded, never bare.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace rynek::mail {

// Text with every control character removed (CR, LF and TAB become a space),
// and invalid UTF-8 bytes replaced by '?'.
std::string clean_header_text(std::string_view text);

// Unstructured header text (a Subject): printable ASCII of moderate length as
// it is; otherwise RFC 2047 encoded-words "=?UTF-8?B?...?=" of at most 75
// characters each, never splitting a character, folded onto continuation lines.
// Cleans its input first.
std::string encode_header_text(std::string_view text);

// A plain addr-spec we are willing to put in a header and the SMTP envelope: the
// one address rule (core/email.hpp), where a bare host such as "localhost" is allowed.
bool is_valid_address(std::string_view address);

struct Mailbox {
  std::string name;
  std::string address;
};
// "Name <local@domain>" or "local@domain"; the address is not validated here.
Mailbox parse_mailbox(std::string_view text);

// `"Name" <address>` (ASCII name, quoted), `=?UTF-8?B?...?= <address>`
// (non-ASCII name) or `address` (no name). The address must be valid.
std::string format_mailbox(std::string_view name, std::string_view address);

// RFC 5322 date in UTC, e.g. "Sat, 07 Mar 2026 10:00:00 +0000" (no locale involved).
std::string format_rfc5322_date(core::TimePoint t);

}  // namespace rynek::mail
