-- The transactional outbox: an e-mail is a row written in the same transaction
-- as the change that causes it; the mail worker delivers it (src/mail/outbox.hpp).
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,                  -- e.g. 'registration.confirmation'
  dedup_key TEXT UNIQUE,               -- a message that must go at most once, e.g. 'reminder-24h:42'
  to_address TEXT NOT NULL,
  to_name TEXT NOT NULL DEFAULT '',
  lang TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',  -- JSON the composer reads (e.g. registration id)
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
