// Seminar pages: the list, a seminar's page, its calendar file; the
// registration form and its submission; the personal participant pages.
#pragma once

#include "http/message.hpp"
#include "web/app.hpp"

namespace rynek::web {

http::Response seminars_page(App& app, http::Request& request);
http::Response seminar_page(App& app, http::Request& request);
http::Response seminar_ics(App& app, http::Request& request);

http::Response registration_form(App& app, http::Request& request);
void registration_submit(App& app, http::Request& request, http::Responder respond);
http::Response registration_sent(App& app, http::Request& request);

http::Response participant_page(App& app, http::Request& request);
void participant_confirm(App& app, http::Request& request, http::Responder respond);
http::Response participant_cancel_form(App& app, http::Request& request);
void participant_cancel(App& app, http::Request& request, http::Responder respond);
http::Response participant_ics(App& app, http::Request& request);
void participant_heartbeat(App& app, http::Request& request, http::Responder respond);

}  // namespace rynek::web
