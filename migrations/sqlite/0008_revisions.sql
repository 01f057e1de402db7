-- Revision numbers for optimistic locking (docs/ARCHITECTURE.md): every write
-- that changes one of these rows — a back-office save, a status change, an
-- attachment or material added or removed, a settings save, `rynek import` —
-- adds one to `revision` in the same UPDATE. An edit form carries the revision
-- it was opened with; a save whose revision is not the stored one writes
-- nothing (409), so two editors never silently overwrite each other. Existing
-- rows start at 1.

ALTER TABLE articles ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
ALTER TABLE seminars ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
ALTER TABLE site_settings ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
