-- Editing articles in the back office: drafts and unpublished articles, and the
-- resized variants of uploaded images.
--
-- An article is public when status = 'published' AND published_at <= now; a
-- published article with a future published_at is "scheduled". Existing rows
-- (imported from files) stay published. A draft keeps the publication time the
-- editor intends (or its creation time) because published_at is NOT NULL.

ALTER TABLE articles ADD COLUMN status TEXT NOT NULL DEFAULT 'published'
  CHECK (status IN ('draft', 'published', 'unpublished'));
CREATE INDEX articles_status_published_at ON articles (status, published_at DESC);

-- WebP (or other) variants of an image at a given width, each stored by its own hash.
CREATE TABLE media_variants (
  sha256 TEXT NOT NULL REFERENCES media(sha256),
  width INTEGER NOT NULL CHECK (width > 0),
  variant_sha256 TEXT NOT NULL REFERENCES media(sha256),
  content_type TEXT NOT NULL,
  PRIMARY KEY (sha256, width)
);
