-- Site settings, edited by admins at /admin/ustawienia: one row (id = 1) so that
-- every setting is a typed, checked column rather than a free key/value pair.
-- The limits are the form's limits (content/settings.hpp), counted in characters;
-- the CHECKs keep them true for writes that bypass the form.
--
-- organisation_name is the site's name (header, <title>, footer, e-mails); the
-- privacy clause and the seminar contact address are what new seminars start with.

CREATE TABLE site_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  organisation_name TEXT NOT NULL DEFAULT 'Rynek'
    CHECK (length(organisation_name) BETWEEN 1 AND 100),
  organisation_full_name TEXT NOT NULL DEFAULT '' CHECK (length(organisation_full_name) <= 200),
  postal_address TEXT NOT NULL DEFAULT '' CHECK (length(postal_address) <= 500),
  contact_email TEXT NOT NULL DEFAULT '' CHECK (length(contact_email) <= 254),
  privacy_clause_md TEXT NOT NULL DEFAULT '' CHECK (length(privacy_clause_md) <= 20000),
  privacy_clause_version TEXT NOT NULL DEFAULT '1'
    CHECK (length(privacy_clause_version) BETWEEN 1 AND 40),
  seminar_contact_email TEXT NOT NULL DEFAULT '' CHECK (length(seminar_contact_email) <= 254),
  updated_at TEXT
);
INSERT INTO site_settings (id) VALUES (1);
