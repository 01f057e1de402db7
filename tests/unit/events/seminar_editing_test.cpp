#include "events/seminar_editing.hpp"

#include <boost/json.hpp>

#include "content/article.hpp"
#include "core/tokens.hpp"
#include "events/registration.hpp"
#include "events_fixture.hpp"

namespace rynek::events::testing {
namespace {

using namespace std::chrono_literals;
using Mail = std::pair<std::string, std::string>;

const auto kNow = at("2026-03-01T00:00:00Z");  // the sample is published, not over

class SeminarEditingTest : public EventsTest {
 protected:
  std::int64_t create(const Seminar& seminar, SeminarStatus status) {
    return write([&](store::Connection& c) { return create_seminar(c, seminar, status, kNow); });
  }
  std::optional<std::string> update(std::int64_t id, const Seminar& seminar) {
    return write([&](store::Connection& c) { return update_seminar(c, id, seminar, kNow + 1h); });
  }
  std::optional<std::string> set_status(
      std::int64_t id, SeminarStatus status,
      std::optional<core::TimePoint> published_at = std::nullopt) {
    return write([&](store::Connection& c) {
      return set_seminar_status(c, id, status, published_at, kNow + 2h);
    });
  }
  template <class Fn>
  auto read(Fn&& fn) {
    return db_->read(std::forward<Fn>(fn));
  }
  bool is_found(const std::string& slug, core::TimePoint now = kNow) {
    return read([&](store::Connection& c) { return find_seminar(c, slug, now); }).has_value();
  }
  std::int64_t version() {
    return read([](store::Connection& c) { return content::content_version(c); });
  }
  EditableSeminar editable(std::int64_t id) {
    return *read([&](store::Connection& c) { return load_seminar_for_editing(c, id); });
  }
  std::int64_t sign_up(const Seminar& seminar, const std::string& email) {
    Submission submission{"Anna", email, "pl", {{"organisation", {"Urząd"}}}, {}};
    auto nonce = core::random_nonce();
    auto hash = core::token_hash(core::random_token());
    return write([&](store::Connection& c) {
      return register_participant(c, seminar, submission, nonce, hash, kNow).registration_id;
    });
  }
  static content::StoredMedia media(char digit) {
    return {std::string(64, digit), "application/pdf", 1234};
  }
};

Seminar with_agenda(Seminar s) {
  AgendaItem item;
  item.starts_at = s.starts_at;
  item.ends_at = s.starts_at + 30min;
  item.title = "Otwarcie";
  item.speakers = {{"Jan Kowalski", "Urząd", "Chełm"}, {"Ewa Nowak", "", "Lublin"}};
  s.agenda.push_back(item);
  return s;
}

TEST_F(SeminarEditingTest, DraftIsHiddenFromThePublicButVisibleToEditors) {
  const auto before = version();
  auto id = create(with_agenda(sample_seminar()), SeminarStatus::draft);
  EXPECT_GT(version(), before);
  EXPECT_FALSE(is_found("forum"));
  EXPECT_TRUE(read([&](store::Connection& c) { return upcoming_seminars(c, kNow, 10); }).empty());
  EXPECT_FALSE(read([&](store::Connection& c) { return seminar_is_public(c, id, kNow); }));
  auto loaded = editable(id);
  EXPECT_EQ(loaded.status, SeminarStatus::draft);
  EXPECT_EQ(loaded.seminar.title, "Forum");
  EXPECT_EQ(loaded.seminar.agenda, with_agenda(sample_seminar()).agenda);
  EXPECT_EQ(loaded.seminar.fields, sample_seminar().fields);
  EXPECT_EQ(loaded.created_at, kNow);
  EXPECT_FALSE(loaded.has_registrations);
  auto preview = read([&](store::Connection& c) { return seminar_for_preview(c, id); });
  ASSERT_TRUE(preview);
  EXPECT_EQ(preview->slug, "forum");
  EXPECT_EQ(read([&](store::Connection& c) { return seminar_status(c, id); }),
            SeminarStatus::draft);
}

TEST_F(SeminarEditingTest, PublishingMakesItPublicAndAFutureTimeSchedulesIt) {
  auto id = create(sample_seminar(), SeminarStatus::draft);
  auto version_before = version();
  auto diff = set_status(id, SeminarStatus::published, at("2026-03-03T00:00:00Z"));
  ASSERT_TRUE(diff);
  auto json = boost::json::parse(*diff).as_object();
  EXPECT_EQ(json.at("status").at("to").as_string(), "published");
  EXPECT_EQ(json.at("published_at").at("to").as_string(), "2026-03-03T00:00:00Z");
  EXPECT_GT(version(), version_before);
  // Scheduled: not public before its time, public after; the caches learn when.
  EXPECT_FALSE(is_found("forum"));
  EXPECT_FALSE(read([&](store::Connection& c) { return seminar_is_public(c, id, kNow); }));
  EXPECT_EQ(read([&](store::Connection& c) { return content::next_publication(c, kNow); }),
            at("2026-03-03T00:00:00Z"));
  EXPECT_TRUE(is_found("forum", at("2026-03-03T00:00:00Z")));
  EXPECT_EQ(set_status(id, SeminarStatus::published, kNow),
            R"({"published_at":{"from":"2026-03-03T00:00:00Z","to":"2026-03-01T00:00:00Z"}})");
  EXPECT_TRUE(is_found("forum"));
  EXPECT_EQ(read([&](store::Connection& c) { return upcoming_seminars(c, kNow, 10); }).size(), 1u);
  EXPECT_EQ(set_status(id, SeminarStatus::published), "{}");
  EXPECT_FALSE(set_status(id + 100, SeminarStatus::published));
}

TEST_F(SeminarEditingTest, UnpublishingHidesItButKeepsItForRegisteredPeople) {
  auto seminar = insert(sample_seminar());
  sign_up(seminar, "a@example.org");
  EXPECT_TRUE(editable(seminar.id).has_registrations);
  ASSERT_TRUE(set_status(seminar.id, SeminarStatus::unpublished));
  EXPECT_FALSE(is_found("forum"));
  EXPECT_TRUE(read([&](store::Connection& c) { return upcoming_seminars(c, kNow, 10); }).empty());
  EXPECT_TRUE(read([&](store::Connection& c) {
                return past_seminars(c, at("2026-04-01T00:00:00Z"), 10, 0);
              }).empty());
  EXPECT_TRUE(read([&](store::Connection& c) { return find_seminar_by_id(c, seminar.id); }));
  EXPECT_EQ(read([&](store::Connection& c) { return seminar_status(c, seminar.id); }),
            SeminarStatus::unpublished);
}

TEST_F(SeminarEditingTest, UpdateReplacesTheListsKeepsMaterialsAndReportsTheChanges) {
  auto id = create(with_agenda(sample_seminar()), SeminarStatus::published);
  auto material = write([&](store::Connection& c) {
    return add_material(c, id, "Program", "program.pdf", Audience::participants, media('a'), kNow);
  });
  auto changed = sample_seminar();
  changed.title = "Forum 2026";
  changed.description_md = "Nowy opis";
  AgendaItem item;
  item.starts_at = changed.starts_at + 1h;
  item.title = "Panel";
  item.speakers = {{"Ola", "Gmina", "Kraków"}};
  changed.agenda = {item};
  changed.fields = {{"role", FieldType::select, "Rola", "Pomoc", true, {"Urząd", "Inne"}},
                    {"city", FieldType::text, "Miasto", "", false, {}}};
  changed.consents = {{"photos", "Zdjęcia", "v2", true}};
  changed.materials.clear();  // ignored
  auto diff = update(id, changed);
  ASSERT_TRUE(diff);
  auto json = boost::json::parse(*diff).as_object();
  EXPECT_EQ(json.at("title").at("from").as_string(), "Forum");
  EXPECT_EQ(json.at("title").at("to").as_string(), "Forum 2026");
  EXPECT_EQ(json.at("description").as_string(), "changed");
  EXPECT_EQ(json.at("agenda").as_string(), "changed");
  EXPECT_EQ(json.at("fields").as_string(), "changed");
  EXPECT_EQ(json.at("consents").as_string(), "changed");
  EXPECT_FALSE(json.contains("slug"));
  auto loaded = editable(id);
  EXPECT_EQ(loaded.seminar.title, "Forum 2026");
  EXPECT_EQ(loaded.seminar.agenda, changed.agenda);
  EXPECT_EQ(loaded.seminar.fields, changed.fields);
  EXPECT_EQ(loaded.seminar.consents, changed.consents);
  EXPECT_EQ(loaded.updated_at, kNow + 1h);
  ASSERT_EQ(loaded.materials.size(), 1u);
  EXPECT_EQ(loaded.materials[0].id, material);
  EXPECT_EQ(loaded.materials[0].file.audience, Audience::participants);
  EXPECT_EQ(loaded.seminar.materials.size(), 1u);
  // The same form again changes nothing and does not bump the version.
  const auto version_before = version();
  EXPECT_EQ(update(id, loaded.seminar), "{}");
  EXPECT_EQ(update(id, changed), "{}");
  EXPECT_EQ(version(), version_before);
  EXPECT_FALSE(update(id + 100, changed));
}

TEST_F(SeminarEditingTest, SlugConflictIsAUniqueViolation) {
  create(sample_seminar(), SeminarStatus::published);
  auto other = sample_seminar();
  other.slug = "inne";
  auto id = create(other, SeminarStatus::draft);
  try {
    update(id, sample_seminar());
    FAIL() << "expected a unique violation";
  } catch (const store::DbError& error) {
    EXPECT_EQ(error.code(), store::DbErrc::unique_violation);
  }
  try {
    create(sample_seminar(), SeminarStatus::draft);
    FAIL() << "expected a unique violation";
  } catch (const store::DbError& error) {
    EXPECT_EQ(error.code(), store::DbErrc::unique_violation);
  }
  EXPECT_EQ(editable(id).seminar.slug, "inne");
}

TEST_F(SeminarEditingTest, MoreCapacityPromotesTheWaitingListWithEmails) {
  auto seminar = sample_seminar();
  seminar.capacity = 1;
  seminar = insert(seminar);
  sign_up(seminar, "a@example.org");
  auto b = sign_up(seminar, "b@example.org");
  auto c = sign_up(seminar, "c@example.org");
  auto state = [&](std::int64_t id) {
    return read([&](store::Connection& conn) { return find_registration(conn, id); })->state;
  };
  EXPECT_EQ(state(b), RegistrationState::waitlisted);
  seminar.capacity = 2;
  auto diff = update(seminar.id, seminar);
  ASSERT_TRUE(diff);
  EXPECT_EQ(*diff, R"({"capacity":{"from":"1","to":"2"},"promoted":1})");
  EXPECT_EQ(state(b), RegistrationState::registered);
  EXPECT_EQ(state(c), RegistrationState::waitlisted);
  EXPECT_EQ(outbox().back(), (Mail{"registration.promoted", "b@example.org"}));
  // Without a limit everyone waiting gets a place.
  seminar.capacity.reset();
  update(seminar.id, seminar);
  EXPECT_EQ(state(c), RegistrationState::registered);
  EXPECT_EQ(outbox().back(), (Mail{"registration.promoted", "c@example.org"}));
}

TEST_F(SeminarEditingTest, MoreCapacityOfAHiddenSeminarWaitsUntilItIsPublishedAgain) {
  auto seminar = sample_seminar();
  seminar.capacity = 1;
  seminar = insert(seminar);
  sign_up(seminar, "a@example.org");
  auto b = sign_up(seminar, "b@example.org");
  auto c = sign_up(seminar, "c@example.org");
  auto d = sign_up(seminar, "d@example.org");
  auto state = [&](std::int64_t id) {
    return read([&](store::Connection& conn) { return find_registration(conn, id); })->state;
  };
  ASSERT_TRUE(set_status(seminar.id, SeminarStatus::unpublished));
  const auto mails = outbox().size();
  seminar.capacity = 3;
  EXPECT_EQ(update(seminar.id, seminar), R"({"capacity":{"from":"1","to":"3"}})");
  // Its page is gone: nobody is moved up or sent a link to it.
  EXPECT_EQ(state(b), RegistrationState::waitlisted);
  EXPECT_EQ(outbox().size(), mails);
  auto diff = set_status(seminar.id, SeminarStatus::published);
  ASSERT_TRUE(diff);
  EXPECT_EQ(*diff, R"({"status":{"from":"unpublished","to":"published"},"promoted":2})");
  EXPECT_EQ(state(b), RegistrationState::registered);
  EXPECT_EQ(state(c), RegistrationState::registered);
  EXPECT_EQ(state(d), RegistrationState::waitlisted);
  ASSERT_EQ(outbox().size(), mails + 2);
  EXPECT_EQ(outbox().back(), (Mail{"registration.promoted", "c@example.org"}));
  // A draft too.
  ASSERT_TRUE(set_status(seminar.id, SeminarStatus::draft));
  seminar.capacity.reset();
  update(seminar.id, seminar);
  EXPECT_EQ(state(d), RegistrationState::waitlisted);
  EXPECT_EQ(outbox().size(), mails + 2);
  ASSERT_TRUE(set_status(seminar.id, SeminarStatus::published));
  EXPECT_EQ(state(d), RegistrationState::registered);
  EXPECT_EQ(outbox().back(), (Mail{"registration.promoted", "d@example.org"}));
}

TEST_F(SeminarEditingTest, MovingASeminarWithoutAWindowMovesTheRegistrationClose) {
  auto seminar = sample_seminar();
  seminar.registration_opens_at.reset();
  seminar.registration_closes_at.reset();
  auto id = create(seminar, SeminarStatus::published);
  const auto old_start = seminar.starts_at;
  EXPECT_FALSE(registration_open(
      *read([&](store::Connection& c) { return find_seminar_by_id(c, id); }), old_start));
  seminar.starts_at += 24h * 7;
  seminar.ends_at += 24h * 7;
  ASSERT_TRUE(update(id, seminar));
  auto moved = *read([&](store::Connection& c) { return find_seminar_by_id(c, id); });
  EXPECT_FALSE(moved.registration_closes_at);
  EXPECT_TRUE(registration_open(moved, old_start));
  EXPECT_TRUE(registration_open(moved, seminar.starts_at - 1s));
  EXPECT_FALSE(registration_open(moved, seminar.starts_at));
}

TEST_F(SeminarEditingTest, MaterialsAreAddedInOrderAndRemovedOnlyFromTheirSeminar) {
  auto id = create(sample_seminar(), SeminarStatus::published);
  auto other = sample_seminar();
  other.slug = "inne";
  auto other_id = create(other, SeminarStatus::published);
  auto v0 = version();
  auto add = [&](const std::string& title, char digit) {
    return write([&](store::Connection& c) {
      return add_material(c, id, title, title + ".pdf", Audience::everyone, media(digit),
                          kNow + 1h);
    });
  };
  auto first = add("Program", 'a');
  auto second = add("Slajdy", 'b');
  EXPECT_GT(version(), v0);
  auto loaded = editable(id);
  ASSERT_EQ(loaded.materials.size(), 2u);
  EXPECT_EQ(loaded.materials[0].id, first);
  EXPECT_EQ(loaded.materials[1].id, second);
  EXPECT_EQ(loaded.materials[1].file.sha256, std::string(64, 'b'));
  EXPECT_EQ(loaded.materials[1].file.size, 1234);
  EXPECT_EQ(loaded.updated_at, kNow + 1h);
  auto remove = [&](std::int64_t seminar_id, std::int64_t material_id) {
    return write([&](store::Connection& c) {
      return remove_material(c, seminar_id, material_id, kNow + 2h);
    });
  };
  auto v1 = version();
  EXPECT_FALSE(remove(other_id, first));
  EXPECT_FALSE(remove(id, second + 100));
  EXPECT_EQ(version(), v1);
  EXPECT_TRUE(remove(id, first));
  EXPECT_GT(version(), v1);
  EXPECT_FALSE(remove(id, first));
  auto third = add("Nagranie", 'c');
  loaded = editable(id);
  ASSERT_EQ(loaded.materials.size(), 2u);
  EXPECT_EQ(loaded.materials[0].id, second);
  EXPECT_EQ(loaded.materials[1].id, third);
}

TEST_F(SeminarEditingTest, ImportingAgainKeepsTheStatusSetInTheBackOffice) {
  auto seminar = insert(sample_seminar());
  EXPECT_EQ(read([&](store::Connection& c) { return seminar_status(c, seminar.id); }),
            SeminarStatus::published);
  auto edited = seminar;
  edited.lead = "Zmieniony";
  ASSERT_TRUE(update(seminar.id, edited));
  ASSERT_TRUE(set_status(seminar.id, SeminarStatus::unpublished));
  auto v = version();
  PreparedSeminars prepared;
  prepared.seminars.push_back({"test", sample_seminar(), std::nullopt, {}});
  int created = 0, updated = 0;
  write([&](store::Connection& c) { write_seminars(c, prepared, created, updated); });
  EXPECT_EQ(updated, 1);
  EXPECT_GT(version(), v);
  EXPECT_EQ(read([&](store::Connection& c) { return seminar_status(c, seminar.id); }),
            SeminarStatus::unpublished);
  EXPECT_EQ(editable(seminar.id).seminar.lead, "Lead");
  EXPECT_FALSE(is_found("forum"));
}

TEST_F(SeminarEditingTest, EveryWriteAddsOneToTheRevisionAndANoChangeWriteNone) {
  auto id = create(sample_seminar(), SeminarStatus::draft);
  auto revision = [&] {
    return read([&](store::Connection& c) { return seminar_revision(c, id).value_or(-1); });
  };
  EXPECT_EQ(revision(), 1);
  EXPECT_EQ(editable(id).revision, 1);
  auto edited = sample_seminar();
  edited.lead = "Nowy lead";
  ASSERT_TRUE(update(id, edited));
  EXPECT_EQ(revision(), 2) << "a save";
  ASSERT_TRUE(update(id, edited));
  EXPECT_EQ(revision(), 2) << "the same values again write nothing";
  ASSERT_TRUE(set_status(id, SeminarStatus::published));
  EXPECT_EQ(revision(), 3) << "publish";
  ASSERT_TRUE(set_status(id, SeminarStatus::published));
  EXPECT_EQ(revision(), 3) << "no change";
  ASSERT_TRUE(set_status(id, SeminarStatus::published, kNow + 24h));
  EXPECT_EQ(revision(), 4) << "schedule";
  ASSERT_TRUE(set_status(id, SeminarStatus::unpublished));
  EXPECT_EQ(revision(), 5) << "unpublish";
  auto material = write([&](store::Connection& c) {
    return add_material(c, id, "Program", "program.pdf", Audience::everyone, media('a'), kNow + 3h);
  });
  EXPECT_EQ(revision(), 6) << "material added";
  EXPECT_FALSE(
      write([&](store::Connection& c) { return remove_material(c, id, material + 1, kNow + 3h); }));
  EXPECT_EQ(revision(), 6) << "no such material: nothing written";
  EXPECT_TRUE(
      write([&](store::Connection& c) { return remove_material(c, id, material, kNow + 3h); }));
  EXPECT_EQ(revision(), 7) << "material removed";
  PreparedSeminars prepared;
  prepared.seminars.push_back({"test", sample_seminar(), std::nullopt, {}});
  int created = 0, updated = 0;
  write([&](store::Connection& c) { write_seminars(c, prepared, created, updated); });
  ASSERT_EQ(updated, 1);
  EXPECT_EQ(revision(), 8) << "rynek import over it";
  EXPECT_FALSE(read([](store::Connection& c) { return seminar_revision(c, 999); }));
}

TEST_F(SeminarEditingTest, ListShowsEveryStatusAndFiltersByOrganiser) {
  auto a = create(sample_seminar(), SeminarStatus::draft);
  auto other = sample_seminar();
  other.slug = "pozniej";
  other.starts_at += 24h;
  other.ends_at += 24h;
  auto b = create(other, SeminarStatus::unpublished);
  auto all = read([](store::Connection& c) { return list_seminars_for_editing(c); });
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, b);
  EXPECT_EQ(all[0].status, SeminarStatus::unpublished);
  EXPECT_EQ(all[1].id, a);
  EXPECT_EQ(all[1].slug, "forum");
  EXPECT_TRUE(read([](store::Connection& c) { return list_seminars_for_editing(c, 999); }).empty());
}

// Deleting a draft (delete_draft_seminar): the row and everything that is only
// its own go; other seminars, registrations and media rows stay; anything that
// was ever published, and a draft someone registered for, is refused unchanged.
class DeleteDraftSeminarTest : public SeminarEditingTest {
 protected:
  // A seminar with two agenda items (speakers on the first), the sample's form
  // field and consent, a material and an organiser assigned.
  std::int64_t full(const std::string& slug, SeminarStatus status, char media_digit) {
    auto seminar = with_agenda(sample_seminar());
    seminar.slug = slug;
    AgendaItem second;
    second.starts_at = seminar.starts_at + 1h;
    second.title = "Panel";
    seminar.agenda.push_back(second);
    auto id = create(seminar, status);
    write([&](store::Connection& c) {
      add_material(c, id, "Program", "program.pdf", Audience::everyone, media(media_digit), kNow);
      c.execute(
          "INSERT OR IGNORE INTO accounts (email, name, role, created_at) VALUES ('org@rynek.test', 'Org',"
          " 'organiser', '2026-01-01T00:00:00Z')");
      c.execute(
          "INSERT INTO seminar_organisers (seminar_id, account_id) SELECT ?, id FROM accounts"
          " WHERE email = 'org@rynek.test'",
          {id});
    });
    return id;
  }
  content::DraftDeletion remove(std::int64_t id) {
    return write([&](store::Connection& c) { return delete_draft_seminar(c, id); });
  }
  // Rows of every table a seminar touches, for "nothing changed".
  std::string dump() {
    return read([](store::Connection& c) {
      std::string text;
      for (const char* table :
           {"seminars", "agenda_items", "agenda_speakers", "form_fields", "consents",
            "seminar_materials", "seminar_organisers", "registrations", "media"}) {
        for (const auto& row : c.query(std::string("SELECT * FROM ") + table + " ORDER BY 1")) {
          text += table;
          for (std::size_t i = 0; i < row.size(); ++i)
            text += "|" + (row.is_null(i) ? "NULL" : row.text(i));
          text += "\n";
        }
      }
      return text;
    });
  }
  std::int64_t rows_of(const char* table, std::int64_t id) {
    return count(std::string("SELECT count(*) FROM ") + table +
                 " WHERE seminar_id = " + std::to_string(id));
  }
};

TEST_F(DeleteDraftSeminarTest, RemovesTheDraftWithItsAgendaFieldsConsentsAndMaterials) {
  auto draft = full("szkic", SeminarStatus::draft, 'a');
  auto other = full("inne", SeminarStatus::published, 'a');  // shares the material's file
  ASSERT_EQ(rows_of("agenda_items", draft), 2);
  ASSERT_EQ(count("SELECT count(*) FROM agenda_speakers"), 4);
  ASSERT_EQ(rows_of("form_fields", draft), 1);
  ASSERT_EQ(rows_of("consents", draft), 1);
  ASSERT_EQ(rows_of("seminar_materials", draft), 1);
  ASSERT_EQ(rows_of("seminar_organisers", draft), 1);
  const auto before = version();

  EXPECT_EQ(remove(draft), content::DraftDeletion::deleted);

  EXPECT_EQ(count("SELECT count(*) FROM seminars WHERE id = " + std::to_string(draft)), 0);
  for (const char* table :
       {"agenda_items", "form_fields", "consents", "seminar_materials", "seminar_organisers"}) {
    EXPECT_EQ(rows_of(table, draft), 0) << table;
    EXPECT_EQ(rows_of(table, other), table == std::string("agenda_items") ? 2 : 1)
        << table << " of the other";
  }
  EXPECT_EQ(count("SELECT count(*) FROM agenda_speakers"), 2)
      << "only the other seminar's speakers";
  EXPECT_EQ(count("SELECT count(*) FROM media"), 1) << "the file stays: another seminar uses it";
  EXPECT_GT(version(), before);
  EXPECT_FALSE(read([&](store::Connection& c) { return load_seminar_for_editing(c, draft); }));
  // The address is free again.
  EXPECT_NO_THROW(full("szkic", SeminarStatus::draft, 'b'));
}

TEST_F(DeleteDraftSeminarTest,
       PublishedScheduledAndUnpublishedSeminarsAreRefusedAndNothingChanges) {
  auto published = full("opublikowane", SeminarStatus::published, 'a');
  auto scheduled = full("zaplanowane", SeminarStatus::draft, 'b');
  set_status(scheduled, SeminarStatus::published, kNow + 24h * 30);
  auto unpublished = full("wycofane", SeminarStatus::published, 'c');
  set_status(unpublished, SeminarStatus::unpublished);
  const auto rows = dump();
  const auto before = version();
  for (auto id : {published, scheduled, unpublished}) {
    EXPECT_EQ(remove(id), content::DraftDeletion::not_draft) << id;
  }
  EXPECT_EQ(remove(999), content::DraftDeletion::not_found);
  EXPECT_EQ(dump(), rows);
  EXPECT_EQ(version(), before);
}

TEST_F(DeleteDraftSeminarTest, ADraftWithARegistrationIsRefusedAndNothingChanges) {
  auto draft = full("szkic", SeminarStatus::draft, 'a');
  // The form refuses a draft, so the row is written directly, as by a
  // registration that raced the draft's creation or a hand-made import.
  write([&](store::Connection& c) {
    c.execute(
        "INSERT INTO registrations (seminar_id, email, name, lang, state, token_nonce, token_hash,"
        " privacy_version, created_at, state_changed_at) VALUES (?, 'anna@example.org', 'Anna', 'pl',"
        " 'registered', 'n', 'h', '2026-01', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z')",
        {draft});
  });
  ASSERT_EQ(rows_of("registrations", draft), 1);
  const auto rows = dump();
  EXPECT_EQ(remove(draft), content::DraftDeletion::has_registrations);
  EXPECT_EQ(dump(), rows);
  EXPECT_TRUE(editable(draft).has_registrations);
}

}  // namespace
}  // namespace rynek::events::testing
