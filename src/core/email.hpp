// The one e-mail address rule. Registration (events/form), the back office's account
// and settings forms, the `user` command and the mailer (mail/headers) all ask it,
// so no form accepts an address the mailer then refuses.
//
// An address is local@domain in plain ASCII (the SMTP sender speaks no SMTPUTF8):
// the local part 1-64 characters of letters, digits and !#$%&'*+/=?^_`{|}~.- with no
// dot at either end; the domain dot-separated labels of letters, digits and inner
// hyphens; at most 254 bytes in all. No spaces, quotes, angle brackets, commas,
// semicolons or control characters, so an address can never carry a second recipient
// or a header. Forms require a dotted domain with a top-level part of two or more
// characters (EmailDomain::dotted); the mailer also accepts a bare host name such as
// "localhost" (EmailDomain::any), which the default sender address uses.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rynek::core {

inline constexpr std::size_t kMaxEmailLength = 254;

enum class EmailDomain { dotted, any };

// The text exactly as given (letters of either case), without trimming.
bool is_valid_email(std::string_view address, EmailDomain domain = EmailDomain::dotted);

// Trimmed and lower-cased (ASCII), then checked with EmailDomain::dotted: the form of an
// address Rynek stores; nullopt when it is not valid.
std::optional<std::string> normalise_email(std::string_view address);

}  // namespace rynek::core
