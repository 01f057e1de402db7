-- Editing seminars in the back office: drafts and seminars taken down.
--
-- A seminar is public (its page, the lists, the registration form) when
-- status = 'published' AND published_at <= now; a published seminar with a
-- future published_at is "scheduled". Existing rows (imported from files) stay
-- published, and importing again never changes a seminar's status. An
-- 'unpublished' seminar keeps its registrations: the personal links of people
-- already registered keep working.

ALTER TABLE seminars ADD COLUMN status TEXT NOT NULL DEFAULT 'published'
  CHECK (status IN ('draft', 'published', 'unpublished'));
CREATE INDEX seminars_status_published_at ON seminars (status, published_at);
