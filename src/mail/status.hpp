// `rynek mail status`: how many messages are queued, sent and failed.
#pragma once

#include <ostream>

#include "store/database.hpp"

namespace rynek::mail {

// Prints the counts (and the latest failures) to `out`; returns the exit code, 0.
int mail_status(store::Database& db, std::ostream& out);
int mail_status(store::Database& db);  // to std::cout

}  // namespace rynek::mail
