#include "events/broadcast_url.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cctype>
#include <charconv>

#include "core/i18n.hpp"

namespace rynek::events {
namespace {

constexpr std::size_t kMaxLength = 2000;

bool forbidden(char c) {
  auto byte = static_cast<unsigned char>(c);
  if (byte <= 0x20 || byte >= 0x7f) return true;
  return std::string_view("\"'`;,<>\\^{}|").find(c) != std::string_view::npos;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens.
bool dns_name(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  if (host.back() == '.') host.remove_suffix(1);  // a fully qualified "example.org."
  while (true) {
    auto dot = host.find('.');
    auto label = host.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    for (char c : label) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) return false;
    }
    if (dot == std::string_view::npos) return true;
    host.remove_prefix(dot + 1);
  }
}

BroadcastUrl refuse(BroadcastUrlProblem problem) {
  BroadcastUrl url;
  url.problem = problem;
  return url;
}

}  // namespace

BroadcastUrl validate_broadcast_url(std::string_view text) {
  if (text.size() > kMaxLength) return refuse(BroadcastUrlProblem::too_long);
  if (std::any_of(text.begin(), text.end(), forbidden))
    return refuse(BroadcastUrlProblem::forbidden_character);
  // parse_uri, not parse_absolute_uri: the latter refuses a #fragment.
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed || !parsed->has_authority()) return refuse(BroadcastUrlProblem::not_absolute);
  // Boost.URL 1.81 reads "http://127.0.0.1.evil.example/" as the IPv4 host 127.0.0.1
  // followed by the path ".evil.example/": the authority it found must be all of the
  // text between "//" and the first '/', '?' or '#', and the path must start there.
  const auto after_slashes = text.find("//") + 2;
  const auto authority_end = text.find_first_of("/?#", after_slashes);
  const auto authority = text.substr(after_slashes, authority_end == std::string_view::npos
                                                        ? std::string_view::npos
                                                        : authority_end - after_slashes);
  const auto path = std::string_view(parsed->encoded_path());
  if (authority != std::string_view(parsed->encoded_authority()) ||
      (!path.empty() && path.front() != '/'))
    return refuse(BroadcastUrlProblem::host);
  BroadcastUrl url;
  url.scheme = lower(parsed->scheme());
  if (url.scheme != "https" && url.scheme != "http") return refuse(BroadcastUrlProblem::scheme);
  if (parsed->has_userinfo()) return refuse(BroadcastUrlProblem::userinfo);
  switch (parsed->host_type()) {
    case boost::urls::host_type::name:
      url.host = lower(parsed->encoded_host());
      if (!dns_name(url.host)) return refuse(BroadcastUrlProblem::host);
      break;
    case boost::urls::host_type::ipv4:
      url.host = parsed->host_ipv4_address().to_string();
      break;
    case boost::urls::host_type::ipv6:
      url.host = "[" + parsed->host_ipv6_address().to_string() + "]";
      break;
    default:  // no host, or an IPvFuture literal
      return refuse(BroadcastUrlProblem::host);
  }
  if (parsed->has_port()) {
    // Read here: port_number() wraps 99999 round to 34463 instead of refusing it.
    auto port = std::string_view(parsed->port());
    unsigned number = 0;
    auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (port.empty() || port.size() > 5 || error != std::errc() ||
        end != port.data() + port.size() || number == 0 || number > 65535)
      return refuse(BroadcastUrlProblem::port);
    url.port = std::to_string(number);  // drops leading zeros
  }
  if (url.scheme == "http" && url.host != "localhost" && url.host != "127.0.0.1" &&
      url.host != "[::1]")
    return refuse(BroadcastUrlProblem::plain_http_host);
  url.origin = url.scheme + "://" + url.host + (url.port.empty() ? "" : ":" + url.port);
  return url;
}

const char* broadcast_url_problem_text(BroadcastUrlProblem problem) {
  switch (problem) {
    case BroadcastUrlProblem::none:
      return "";
    case BroadcastUrlProblem::too_long:
      return core::N_("The address is longer than 2000 characters.");
    case BroadcastUrlProblem::forbidden_character:
      return core::N_(
          "The address contains a space, quote, semicolon, comma or another character not allowed in an address.");
    case BroadcastUrlProblem::not_absolute:
      return core::N_("The address must be a full address starting with https://.");
    case BroadcastUrlProblem::scheme:
      return core::N_("The address must start with https://.");
    case BroadcastUrlProblem::userinfo:
      return core::N_("The address must not contain a user name or password.");
    case BroadcastUrlProblem::host:
      return core::N_("The address does not contain a valid server name.");
    case BroadcastUrlProblem::port:
      return core::N_("The port number in the address is not valid.");
    case BroadcastUrlProblem::plain_http_host:
      return core::N_(
          "The address must start with https:// (plain http:// is allowed only for localhost).");
  }
  return "";
}

}  // namespace rynek::events
