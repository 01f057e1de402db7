#include "mail/kind.hpp"

namespace rynek::mail {

std::optional<MailKind> parse_mail_kind(std::string_view key) {
  for (const auto& kind : kMailKinds) {
    if (kind.key == key) return kind.kind;
  }
  return std::nullopt;
}

}  // namespace rynek::mail
