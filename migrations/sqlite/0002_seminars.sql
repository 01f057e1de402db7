-- Seminars: programme, broadcast, materials, the registration form each one asks
-- for, its consents, and the registrations themselves.
-- Times are ISO-8601 UTC text ('YYYY-MM-DDTHH:MM:SSZ'); Warsaw time is for display only.

CREATE TABLE seminars (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  lead TEXT NOT NULL DEFAULT '',
  description_md TEXT NOT NULL DEFAULT '',
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('online', 'hybrid', 'onsite')),
  venue TEXT NOT NULL DEFAULT '',
  broadcast_url TEXT NOT NULL DEFAULT '',
  broadcast_visibility TEXT NOT NULL DEFAULT 'participants'
    CHECK (broadcast_visibility IN ('public', 'participants')),
  recording_url TEXT NOT NULL DEFAULT '',
  capacity INTEGER CHECK (capacity IS NULL OR capacity > 0),
  registration_opens_at TEXT,
  registration_closes_at TEXT,
  requires_approval INTEGER NOT NULL DEFAULT 0,
  -- Hours a new registrant has to press "confirm" on their link; NULL: no deadline.
  confirm_within_hours INTEGER CHECK (confirm_within_hours IS NULL OR confirm_within_hours > 0),
  contact_email TEXT NOT NULL DEFAULT '',
  privacy_clause_md TEXT NOT NULL,
  privacy_clause_version TEXT NOT NULL,
  hero_sha256 TEXT REFERENCES media(sha256),
  hero_alt TEXT NOT NULL DEFAULT '',
  published_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (ends_at > starts_at),
  CHECK (hero_sha256 IS NULL OR hero_alt <> '')
);
CREATE INDEX seminars_starts_at ON seminars (starts_at);

CREATE TABLE agenda_items (
  id INTEGER PRIMARY KEY,
  seminar_id INTEGER NOT NULL REFERENCES seminars(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  starts_at TEXT NOT NULL,
  ends_at TEXT,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  UNIQUE (seminar_id, position)
);

CREATE TABLE agenda_speakers (
  id INTEGER PRIMARY KEY,
  agenda_item_id INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  affiliation TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  UNIQUE (agenda_item_id, position)
);

CREATE TABLE seminar_materials (
  id INTEGER PRIMARY KEY,
  seminar_id INTEGER NOT NULL REFERENCES seminars(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  filename TEXT NOT NULL,
  media_sha256 TEXT NOT NULL REFERENCES media(sha256),
  -- 'participants': only shown through a personal link.
  audience TEXT NOT NULL DEFAULT 'public' CHECK (audience IN ('public', 'participants')),
  UNIQUE (seminar_id, position)
);
CREATE INDEX seminar_materials_media ON seminar_materials (media_sha256);

-- The fields a seminar's form asks for besides name and e-mail, which every form has.
CREATE TABLE form_fields (
  id INTEGER PRIMARY KEY,
  seminar_id INTEGER NOT NULL REFERENCES seminars(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  key TEXT NOT NULL,
  type TEXT NOT NULL
    CHECK (type IN ('text', 'email', 'phone', 'select', 'multiselect', 'checkbox', 'textarea')),
  label TEXT NOT NULL,
  help TEXT NOT NULL DEFAULT '',
  required INTEGER NOT NULL DEFAULT 0,
  options TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings (select, multiselect)
  UNIQUE (seminar_id, key),
  UNIQUE (seminar_id, position)
);

-- Optional (or, where the organiser's legal basis needs it, required) consents.
CREATE TABLE consents (
  id INTEGER PRIMARY KEY,
  seminar_id INTEGER NOT NULL REFERENCES seminars(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  key TEXT NOT NULL,
  text TEXT NOT NULL,
  version TEXT NOT NULL,
  required INTEGER NOT NULL DEFAULT 0,
  UNIQUE (seminar_id, key),
  UNIQUE (seminar_id, position)
);

CREATE TABLE registrations (
  id INTEGER PRIMARY KEY,
  seminar_id INTEGER NOT NULL REFERENCES seminars(id),
  email TEXT NOT NULL,                 -- normalised: trimmed, lower case
  name TEXT NOT NULL,
  lang TEXT NOT NULL,
  answers TEXT NOT NULL DEFAULT '{}',  -- JSON object: field key -> string or array of strings
  state TEXT NOT NULL
    CHECK (state IN ('registered', 'waitlisted', 'pending_approval', 'rejected', 'cancelled')),
  -- The participation token is derived from this nonce with the server's secret
  -- (core/tokens.hpp); only its SHA-256 is stored, for lookup.
  token_nonce TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  privacy_version TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state_changed_at TEXT NOT NULL,
  queued_at TEXT,                      -- when it joined the waiting list: the queue's order
  confirmed_at TEXT,                   -- pressed "confirm participation" on the personal link
  first_seen_at TEXT,                  -- attendance
  last_seen_at TEXT,
  attended_seconds INTEGER NOT NULL DEFAULT 0,
  last_resent_at TEXT,                 -- a repeated registration re-sends at most this often
  UNIQUE (seminar_id, email)
);
CREATE INDEX registrations_queue ON registrations (seminar_id, state, queued_at);

CREATE TABLE registration_consents (
  registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
  consent_key TEXT NOT NULL,
  version TEXT NOT NULL,
  given_at TEXT NOT NULL,
  PRIMARY KEY (registration_id, consent_key)
);
