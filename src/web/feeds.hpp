// Machine-readable views of the news: the Atom feed and sitemap.xml.
#pragma once

#include "http/message.hpp"
#include "web/app.hpp"

namespace rynek::web {

http::Response atom_feed(App& app, http::Request& request);
http::Response sitemap(App& app, http::Request& request);

}  // namespace rynek::web
