#include "core/email.hpp"

#include "core/text.hpp"

namespace rynek::core {
namespace {

bool letter_or_digit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool valid_local(std::string_view local) {
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos)
    return false;
  static constexpr std::string_view kLocalSymbols = "!#$%&'*+/=?^_`{|}~.-";
  for (char c : local) {
    if (!letter_or_digit(c) && kLocalSymbols.find(c) == std::string_view::npos) return false;
  }
  return true;
}

bool valid_domain(std::string_view domain, EmailDomain rule) {
  if (domain.empty() || domain.size() > 253) return false;
  std::size_t labels = 0;
  std::string_view last;
  while (true) {
    auto dot = domain.find('.');
    auto label = domain.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    for (char c : label) {
      if (!letter_or_digit(c) && c != '-') return false;
    }
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  if (rule == EmailDomain::any) return true;
  return labels >= 2 && last.size() >= 2;
}

}  // namespace

bool is_valid_email(std::string_view address, EmailDomain domain) {
  if (address.empty() || address.size() > kMaxEmailLength) return false;
  const auto at = address.find('@');
  if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos)
    return false;
  return valid_local(address.substr(0, at)) && valid_domain(address.substr(at + 1), domain);
}

std::optional<std::string> normalise_email(std::string_view address) {
  auto text = to_lower_ascii(trim(address));
  if (!is_valid_email(text, EmailDomain::dotted)) return std::nullopt;
  return text;
}

}  // namespace rynek::core
