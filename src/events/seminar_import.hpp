// `rynek import DIR`, seminars: DIR/seminars/<slug>/index.md (files beside it)
// or DIR/seminars/<slug>.md, each with TOML front matter between "+++" lines
// and the Markdown description after it. See docs/CONTENT.md for the keys.
//
// Two phases, so the CLI can check articles and seminars together before it
// writes anything: prepare_seminars() reads and validates every file and stores
// the material files in the media store (content-addressed, so storing files of
// an import that is then abandoned does no harm); write_seminars() runs inside
// one write job. Seminars are matched by slug: importing again updates the
// seminar and replaces its agenda, materials, form fields and consents, while
// its registrations stay, and so does its status (a seminar taken down or kept
// as a draft in the back office stays so; a new one is published).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "content/images.hpp"
#include "content/media.hpp"
#include "core/clock.hpp"
#include "events/seminar.hpp"
#include "store/database.hpp"

namespace rynek::events {

struct PreparedSeminar {
  std::string source;  // "seminars/x/index.md", for messages
  Seminar seminar;     // id unused; materials carry their media
  std::optional<content::StoredMedia> hero;
  std::vector<content::ImageVariant> hero_variants;  // WebP variants of the hero, already stored
};

struct PreparedSeminars {
  std::vector<PreparedSeminar> seminars;
};

// Errors are appended as "seminars/<file>: <what is wrong>". A missing
// DIR/seminars folder is no error: there is nothing to import.
PreparedSeminars prepare_seminars(const content::MediaStore& media,
                                  const std::filesystem::path& dir, core::TimePoint now,
                                  std::vector<std::string>& errors);

// Inside a write job; bumps the content version.
void write_seminars(store::Connection& db, const PreparedSeminars& prepared, int& created,
                    int& updated);

}  // namespace rynek::events
