// Every back-office write that changes what the public sees goes through
// write_content: after the job (which bumps the content version) it reads the
// new version in the same transaction and, once the write is durable, hands it
// to the page cache before `done` runs. So the editor's redirect, and every
// visitor after it, sees the change at once; the cache poller (one second) is
// only for writes made by other processes.
#pragma once

#include "store/database.hpp"
#include "web/app.hpp"

namespace rynek::web {

void write_content(App& app, store::WriteJob job, store::WriteDone done);

}  // namespace rynek::web
