// The demo content tells one story (docs/TEXTS.md, "Demo content"): the closing seminar's date
// is relative to the import and never on a weekend, so no article may name its date or speak of
// its recording as done; its broadcast is for participants, so no article may say it needs no
// registration; links stay inside the site (placeholder sites at example.org lead nowhere).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const demo = path.join(root, 'demo');

function markdownFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return existsSync(path.join(full, 'index.md')) ? [path.join(full, 'index.md')] : [];
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

const articles = markdownFiles(path.join(demo, 'articles'));
const seminars = markdownFiles(path.join(demo, 'seminars'));
const seminarSlugs = seminars.map((file) => path.basename(path.dirname(file)));
const lines = (file) => readFileSync(file, 'utf8').split('\n').map((text, i) => ({ file, line: i + 1, text }));
const where = ({ file, line, text }) => `${path.relative(root, file)}:${line}: ${text.trim()}`;

test('every demo seminar has a relative, weekday date and a contact address', () => {
  assert.ok(seminars.length > 0);
  for (const file of seminars) {
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^starts_in_days = \d+$/m, `${file}: the date should be relative to the import`);
    assert.match(text, /^avoid_weekend = true$/m, `${file}: a relative date should skip weekends`);
    assert.match(text, /^contact_email = "[^"@\s]+@[^"@\s]+"$/m, `${file}: contact_email is missing`);
  }
});

test('no demo link leads to a placeholder site', () => {
  const bad = [...articles, ...seminars].flatMap(lines)
    .filter(({ text }) => /\]\((?!mailto:)[^)]*example\.(org|com|net)/.test(text));
  assert.deepEqual(bad.map(where), []);
});

test('internal links to seminars name seminars that the demo has', () => {
  const bad = [...articles, ...seminars].flatMap(lines).filter(({ text }) =>
    [...text.matchAll(/\]\(\/seminaria\/([a-z0-9-]+)/g)].some((m) => !seminarSlugs.includes(m[1])));
  assert.deepEqual(bad.map(where), []);
});

test('no article contradicts the seminar page: no fixed date, no finished recording, no open broadcast', () => {
  const months = 'stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia';
  const contradictions = [
    // A fixed day for the closing seminar (the earlier, finished meetings may keep theirs).
    new RegExp(`(zamykając|na zakończenie|Kiedy).*\\b\\d{1,2} (${months})`, 'i'),
    new RegExp(`\\b\\d{1,2} (${months}).*zamykając`, 'i'),
    /nagrani\S* (całego )?(seminarium|spotkania) (zamykającego )?(już )?(jest )?dostępn/i,
    /bez (zapisów|rejestracji)/i,
  ];
  const bad = articles.flatMap(lines).filter(({ text }) => contradictions.some((re) => re.test(text)));
  assert.deepEqual(bad.map(where), []);
});
