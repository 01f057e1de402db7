// News pages: home, the paginated list, an article, tag pages.
#pragma once

#include "http/message.hpp"
#include "web/app.hpp"

namespace rynek::web {

http::Response home_page(App& app, http::Request& request);
http::Response news_list_page(App& app, http::Request& request);
http::Response article_page(App& app, http::Request& request);
http::Response tag_page(App& app, http::Request& request);

inline constexpr int kArticlesPerPage = 10;

}  // namespace rynek::web
