// How a seminar's broadcast is shown: an embedded player for YouTube, Vimeo and
// Facebook videos, hls.js for a self-hosted HLS stream (.m3u8), a plain link
// for anything else.
#pragma once

#include <string>

namespace rynek::web {

enum class BroadcastKind { none, youtube, vimeo, facebook, hls, link };

struct Broadcast {
  BroadcastKind kind = BroadcastKind::none;
  std::string embed_url;  // iframe src (youtube, vimeo, facebook) or stream URL (hls)
  std::string url;        // the URL as given, for the "open in a new window" link
};

Broadcast parse_broadcast(const std::string& url);

}  // namespace rynek::web

#include "view/templates.hpp"

namespace rynek::web {

// Template values for the player: is_youtube / is_vimeo / is_facebook (iframe),
// is_hls (video + hls.js), is_link, embed_url, url, title.
view::Value broadcast_value(const std::string& lang, const std::string& url,
                            const std::string& title);

// The origin (scheme://host[:port], rebuilt by events::validate_broadcast_url) of an
// HLS stream, for the page's CSP; "" when the address is not an HLS stream or not valid.
std::string hls_origin(const std::string& url);

// The participant page's Content-Security-Policy when its broadcast is an HLS stream:
// the default policy with that one origin added to media-src and connect-src; ""
// (keep the default) otherwise.
std::string broadcast_csp(const std::string& url);

}  // namespace rynek::web
