// Site-wide endpoints: media files, the language switch, health checks, robots.txt.
#pragma once

#include "http/message.hpp"
#include "web/app.hpp"

namespace rynek::web {

http::Response media_file(App& app, http::Request& request);
http::Response switch_language(App& app, http::Request& request);
http::Response healthz(App& app, http::Request& request);
http::Response readyz(App& app, http::Request& request);
http::Response static_file(App& app, http::Request& request);
http::Response robots_txt(App& app, http::Request& request);

}  // namespace rynek::web
