// Every back-office write that changes what the public sees goes through
// write_content: after the job (which bumps the content version) it reads the
// new version in the same transaction and, once the write is durable, hands it
// to the page cache before `done` runs. So the editor's redirect, and every
// visitor after it, sees the change at once; the cache poller (one second) is
// only for writes made by other processes.
//
// As with Database::write, a job returning void gets done(WriteOutcome) and a
// job returning T gets done(store::Result<T>).
#pragma once

#include <cstdint>
#include <type_traits>
#include <utility>

#include "content/article.hpp"
#include "store/database.hpp"
#include "web/app.hpp"

namespace rynek::web {

template <class Job, class Done>
void write_content(App& app, Job job, Done done) {
  using T = std::decay_t<std::invoke_result_t<Job&, store::Connection&>>;
  if constexpr (std::is_void_v<T>) {
    app.db.write(
        [job = std::move(job)](store::Connection& db) mutable {
          job(db);
          return content::content_version(db);
        },
        [&app, done = std::move(done)](store::Result<std::int64_t> version) mutable {
          if (!version) {
            return done(
                store::WriteOutcome{false, version.failure().code, version.failure().message});
          }
          app.cache.set_version(*version);
          done(store::WriteOutcome{});
        });
  } else {
    struct Written {
      T value;
      std::int64_t version;
    };
    app.db.write(
        [job = std::move(job)](store::Connection& db) mutable {
          T value = job(db);
          return Written{std::move(value), content::content_version(db)};
        },
        [&app, done = std::move(done)](store::Result<Written> written) mutable {
          if (!written) return done(store::Result<T>(written.failure()));
          app.cache.set_version(written->version);
          done(store::Result<T>(std::move(written->value)));
        });
  }
}

}  // namespace rynek::web
