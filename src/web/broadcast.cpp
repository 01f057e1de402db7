#include "web/broadcast.hpp"

#include <boost/url/parse.hpp>

#include "events/broadcast_url.hpp"
#include "http/url.hpp"

namespace rynek::web {
namespace {

bool safe_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 &&
         id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
             std::string_view::npos;
}

std::string last_segment(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  auto slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

}  // namespace

Broadcast parse_broadcast(const std::string& url) {
  Broadcast broadcast;
  broadcast.url = url;
  if (url.empty()) return broadcast;
  // Stored addresses passed the same check when saved; an older row that would not
  // pass it now is shown as nothing rather than trusted.
  auto checked = events::validate_broadcast_url(url);
  auto parsed = boost::urls::parse_uri(url);
  if (!checked || !parsed) {
    broadcast.kind = BroadcastKind::none;
    return broadcast;
  }
  std::string host = checked.host;
  std::string path = parsed->path();
  if (host.starts_with("www.")) host.erase(0, 4);
  if (host.starts_with("m.")) host.erase(0, 2);
  broadcast.kind = BroadcastKind::link;
  if (host == "youtube.com" || host == "youtu.be") {
    std::string id;
    if (host == "youtu.be" || path.starts_with("/live/") || path.starts_with("/embed/")) {
      id = last_segment(path);
    } else {
      for (auto param : parsed->params()) {
        if (param.key == "v") id = param.value;
      }
    }
    if (safe_id(id)) {
      broadcast.kind = BroadcastKind::youtube;
      broadcast.embed_url = "https://www.youtube-nocookie.com/embed/" + id;
    }
  } else if (host == "vimeo.com" || host == "player.vimeo.com") {
    auto id = last_segment(path);
    if (safe_id(id) && id.find_first_not_of("0123456789") == std::string::npos) {
      broadcast.kind = BroadcastKind::vimeo;
      broadcast.embed_url = "https://player.vimeo.com/video/" + id;
    }
  } else if (host == "facebook.com" || host == "fb.watch" || host == "fb.me") {
    broadcast.kind = BroadcastKind::facebook;
    broadcast.embed_url =
        "https://www.facebook.com/plugins/video.php?href=" + http::encode_component(url) +
        "&show_text=false";
  } else if (path.ends_with(".m3u8")) {
    broadcast.kind = BroadcastKind::hls;
    broadcast.embed_url = url;
  }
  return broadcast;
}

}  // namespace rynek::web

#include "core/i18n.hpp"
#include "http/finish.hpp"

namespace rynek::web {

view::Value broadcast_value(const std::string& lang, const std::string& url,
                            const std::string& title) {
  auto broadcast = parse_broadcast(url);
  view::Value value;
  if (broadcast.kind == BroadcastKind::none) return value;
  bool iframe = broadcast.kind == BroadcastKind::youtube ||
                broadcast.kind == BroadcastKind::vimeo || broadcast.kind == BroadcastKind::facebook;
  value["present"] = true;
  value["is_iframe"] = iframe;
  value["is_hls"] = broadcast.kind == BroadcastKind::hls;
  value["is_link"] = broadcast.kind == BroadcastKind::link;
  value["embed_url"] = broadcast.embed_url;
  value["url"] = broadcast.url;
  value["title"] = core::translate(lang, "Broadcast") + ": " + title;
  return value;
}

std::string broadcast_csp(const std::string& url) {
  auto origin = hls_origin(url);
  if (origin.empty()) return {};
  // hls.js fetches the stream from its own host: allow that one origin, nothing more.
  std::string csp = http::kDefaultContentSecurityPolicy;
  for (const std::string directive : {"media-src 'self' blob:", "connect-src 'self'"}) {
    auto at = csp.find(directive);
    if (at != std::string::npos) csp.insert(at + directive.size(), " " + origin);
  }
  return csp;
}

std::string hls_origin(const std::string& url) {
  auto broadcast = parse_broadcast(url);
  if (broadcast.kind != BroadcastKind::hls) return {};
  // Rebuilt from the validated scheme, host and port, never copied from the text.
  return events::validate_broadcast_url(url).origin;
}

}  // namespace rynek::web
