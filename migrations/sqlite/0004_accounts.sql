-- The back office: organiser accounts, their sessions, login throttling,
-- password resets, which seminars an organiser runs, and the audit log.
-- Times are ISO-8601 UTC text ('YYYY-MM-DDTHH:MM:SSZ'), which sorts as time does.

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  -- Stored trimmed and lower-cased (accounts::normalise_email), so UNIQUE means one account per address.
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'organiser')),
  -- libsodium crypto_pwhash_str output ("$argon2id$..."); '' until the person sets a password.
  password_hash TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  password_changed_at TEXT
);

-- The cookie holds a random 128-bit id; the table holds only its SHA-256, so a
-- copy of the database opens no session.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Failed logins per (normalised) e-mail address, known or not, so that the
-- lockout itself reveals nothing about which addresses have accounts.
CREATE TABLE login_failures (
  email TEXT PRIMARY KEY,
  count INTEGER NOT NULL DEFAULT 0,
  first_failed_at TEXT NOT NULL,
  locked_until TEXT
);

-- Password reset and invitation links. The token is derived from the nonce with
-- the server's secret (accounts/reset.hpp); the table keeps the nonce and the
-- token's SHA-256 for lookup, never the token.
CREATE TABLE password_resets (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  nonce TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX password_resets_account ON password_resets (account_id);

-- Organisers see only the seminars assigned to them here.
CREATE TABLE seminar_organisers (
  seminar_id INTEGER NOT NULL REFERENCES seminars(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  PRIMARY KEY (seminar_id, account_id)
);
CREATE INDEX seminar_organisers_account ON seminar_organisers (account_id);

-- Who changed what and when. account_id is NULL for the system and the command line.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  account_id INTEGER REFERENCES accounts(id),
  action TEXT NOT NULL,          -- e.g. 'article.update'
  object_type TEXT NOT NULL,     -- e.g. 'article'
  object_id INTEGER NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '{}'  -- JSON: what changed
);
CREATE INDEX audit_log_at ON audit_log (at);
