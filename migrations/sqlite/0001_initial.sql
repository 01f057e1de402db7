-- News: articles with a hero image, attachments and tags. Media files live in
-- the data folder under their SHA-256; rows here only describe them.
-- Times are ISO-8601 UTC text, 'YYYY-MM-DDTHH:MM:SSZ', which sorts as time does.

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- Bumped on every content change; public page caches key on it.
INSERT INTO meta (key, value) VALUES ('content_version', '1');

CREATE TABLE media (
  sha256 TEXT PRIMARY KEY,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  lead TEXT NOT NULL DEFAULT '',
  body_md TEXT NOT NULL DEFAULT '',
  hero_sha256 TEXT REFERENCES media(sha256),
  hero_alt TEXT NOT NULL DEFAULT '',
  published_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- A hero image without a text alternative would fail accessibility checks.
  CHECK (hero_sha256 IS NULL OR hero_alt <> '')
);
CREATE INDEX articles_published_at ON articles (published_at DESC);

CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  filename TEXT NOT NULL,
  media_sha256 TEXT NOT NULL REFERENCES media(sha256),
  UNIQUE (article_id, position)
);
CREATE INDEX attachments_media ON attachments (media_sha256);

CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_tag ON article_tags (tag_id);
