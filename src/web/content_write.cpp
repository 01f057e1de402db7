#include "web/content_write.hpp"

#include <memory>

#include "content/article.hpp"

namespace rynek::web {

void write_content(App& app, store::WriteJob job, store::WriteDone done) {
  auto version = std::make_shared<std::int64_t>(0);
  app.db.write(
      [job = std::move(job), version](store::Connection& db) {
        job(db);
        *version = content::content_version(db);
      },
      [&app, version, done = std::move(done)](store::WriteOutcome outcome) {
        if (outcome.ok) app.cache.set_version(*version);
        done(std::move(outcome));
      });
}

}  // namespace rynek::web
