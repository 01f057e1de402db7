// `rynek import DIR`: importing twice updates instead of duplicating, and an invalid
// folder imports nothing at all (all or nothing), with a message naming the file.
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Rynek, repoRoot, runRynek, tempDir } from '../lib/rynek.mjs';
import { articleText, request, writeTree } from './helpers.mjs';
import { seminarText } from './seminars_helpers.mjs';

const demoArticles = path.join(repoRoot, 'demo', 'articles');
const demoCount = readdirSync(demoArticles).filter((name) =>
  name.endsWith('.md') || existsSync(path.join(demoArticles, name, 'index.md'))).length;
const pdf = readFileSync(path.join(demoArticles, 'seminarium-forum-rozwoju-lokalnego', 'program-seminarium.pdf'));
const png = readFileSync(path.join(demoArticles, 'seminarium-forum-rozwoju-lokalnego', 'grafika.png'));

const dirs = [];
function scratch(prefix) {
  const dir = tempDir(prefix);
  dirs.push(dir);
  return dir;
}
after(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

function importInto(dataDir, contentDir) {
  const result = runRynek(['import', contentDir, '--data-dir', dataDir]);
  const output = result.stdout + result.stderr;
  const counts = /(\d+) articles? created, (\d+) updated/.exec(output);
  return { ...result, output, created: counts ? Number(counts[1]) : null, updated: counts ? Number(counts[2]) : null };
}

// What a visitor can count: article URLs in the sitemap and entries in the feed.
async function published(dataDir) {
  const rynek = await new Rynek({ demo: false, dataDir }).start();
  try {
    const sitemap = (await request(rynek.port, '/sitemap.xml')).text;
    const feed = (await request(rynek.port, '/feed.atom')).text;
    const slugs = [...sitemap.matchAll(/\/aktualnosci\/([a-z0-9-]+)<\/loc>/g)].map((m) => m[1]);
    return { slugs, entries: (feed.match(/<entry>/g) || []).length };
  } finally {
    await rynek.stop();
  }
}

function mediaFiles(dataDir) {
  const media = path.join(dataDir, 'media');
  if (!existsSync(media)) return [];
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full); else files.push(full);
    }
  };
  walk(media);
  return files;
}

describe('importing twice', () => {
  let dataDir;
  let content;
  before(() => {
    dataDir = scratch('rynek-import-data-');
    content = scratch('rynek-import-demo-');
    cpSync(path.join(repoRoot, 'demo'), content, { recursive: true });
  });

  test('the second import updates every article and creates none', async () => {
    const first = importInto(dataDir, content);
    assert.equal(first.status, 0, first.output);
    assert.deepEqual([first.created, first.updated], [demoCount, 0]);
    const before = await published(dataDir);
    assert.equal(before.slugs.length, demoCount);

    // Change one article's title, then import the same folder again.
    const file = path.join(content, 'articles', 'witamy-w-serwisie-rynek.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title = ".*"$/m, 'title = "Zmieniony tytuł powitania"'));
    const second = importInto(dataDir, content);
    assert.equal(second.status, 0, second.output);
    assert.deepEqual([second.created, second.updated], [0, demoCount]);

    const afterwards = await published(dataDir);
    assert.deepEqual(afterwards.slugs.sort(), before.slugs.sort(), 'same articles, none duplicated');
    assert.equal(afterwards.entries, before.entries);
    const rynek = await new Rynek({ demo: false, dataDir }).start();
    try {
      const page = await request(rynek.port, '/aktualnosci/witamy-w-serwisie-rynek');
      assert.match(page.text, /<h1>Zmieniony tytuł powitania<\/h1>/, 'the update is visible');
      const seminar = await request(rynek.port, '/aktualnosci/seminarium-forum-rozwoju-lokalnego');
      assert.equal((seminar.text.match(/program-seminarium\.pdf" download/g) || []).length, 1, 'attachments not duplicated');
      assert.equal((seminar.text.match(/href="\/tagi\/seminaria"/g) || []).length, 1, 'tags not duplicated');
    } finally {
      await rynek.stop();
    }
  });

  test('--demo does not load the demo again into a database that has content', async () => {
    const rynek = await new Rynek({ demo: true, dataDir }).start();
    try {
      const sitemap = (await request(rynek.port, '/sitemap.xml')).text;
      assert.equal([...sitemap.matchAll(/\/aktualnosci\/[a-z0-9-]+<\/loc>/g)].length, demoCount);
    } finally {
      await rynek.stop();
    }
  });
});

describe('an invalid folder imports nothing', () => {
  // A valid article with an attachment sits beside each broken one.
  const valid = {
    'articles/poprawny/index.md': articleText([
      'title = "Poprawny artykuł"',
      'published = 2026-01-02T10:00:00+01:00',
      '[[attachments]]',
      'title = "Program"',
      'file = "program.pdf"',
    ]),
    'articles/poprawny/program.pdf': pdf,
  };
  const broken = {
    'hero without alt': {
      'articles/bez-alt/index.md': articleText(['title = "Bez alt"', 'published = 2026-01-02T10:00:00+01:00',
        '[hero]', 'image = "obraz.png"']),
      'articles/bez-alt/obraz.png': png,
    },
    'hero with an empty alt': {
      'articles/pusty-alt/index.md': articleText(['title = "Pusty alt"', 'published = 2026-01-02T10:00:00+01:00',
        '[hero]', 'image = "obraz.png"', 'alt = "   "']),
      'articles/pusty-alt/obraz.png': png,
    },
    'missing title': {
      'articles/bez-tytulu.md': articleText(['lead = "Nie ma tytułu"', 'published = 2026-01-02T10:00:00+01:00']),
    },
    'bad TOML': {
      'articles/zly-toml.md': articleText(['title = "Niezamknięty cudzysłów', 'published = 2026-01-02T10:00:00+01:00']),
    },
    'missing published': {
      'articles/bez-daty.md': articleText(['title = "Bez daty"']),
    },
    'missing attachment file': {
      'articles/bez-pliku.md': articleText(['title = "Bez pliku"', 'published = 2026-01-02T10:00:00+01:00',
        '[[attachments]]', 'title = "Brak"', 'file = "nie-ma.pdf"']),
    },
    'attachment outside the folder': {
      'articles/poza-folderem.md': articleText(['title = "Poza"', 'published = 2026-01-02T10:00:00+01:00',
        '[[attachments]]', 'title = "Hasła"', 'file = "../../../../etc/passwd"']),
    },
    'no front matter': {
      'articles/bez-naglowka.md': 'Tylko tekst, bez nagłówka.\n',
    },
    'invalid slug': {
      'articles/Zly_Slug.md': articleText(['title = "Zły slug"', 'published = 2026-01-02T10:00:00+01:00']),
    },
  };
  const fileOf = (files) => Object.keys(files).find((name) => name.endsWith('.md'));

  for (const [name, files] of Object.entries(broken)) {
    test(`${name}: non-zero exit, the file is named, nothing imported`, () => {
      const content = writeTree(scratch('rynek-import-bad-'), { ...valid, ...files });
      const dataDir = scratch('rynek-import-bad-data-');
      const result = importInto(dataDir, content);
      assert.notEqual(result.status, 0, result.output);
      assert.ok(result.output.includes(fileOf(files)), `names ${fileOf(files)}: ${result.output}`);
      assert.ok(!result.output.includes('poprawny/index.md'), 'the valid article is not blamed');
      // Proof that the valid article was not imported: importing it alone now creates it.
      const alone = writeTree(scratch('rynek-import-alone-'), valid);
      const retry = importInto(dataDir, alone);
      assert.equal(retry.status, 0, retry.output);
      assert.deepEqual([retry.created, retry.updated], [1, 0]);
    });
  }

  test('several broken files are all reported in one run', () => {
    const content = writeTree(scratch('rynek-import-many-'), { ...valid, ...broken['missing title'], ...broken['bad TOML'] });
    const result = importInto(scratch('rynek-import-many-data-'), content);
    assert.notEqual(result.status, 0);
    assert.ok(result.output.includes('articles/bez-tytulu.md') && result.output.includes('articles/zly-toml.md'), result.output);
  });

  test('a failed import leaves no files in the media store', () => {
    const content = writeTree(scratch('rynek-import-media-'), { ...valid, ...broken['missing title'] });
    const dataDir = scratch('rynek-import-media-data-');
    const result = importInto(dataDir, content);
    assert.notEqual(result.status, 0);
    assert.deepEqual(mediaFiles(dataDir), []);
  });
});

describe('seminar heroes', () => {
  // A seminar's hero gets WebP variants at import, like an article's, and the
  // seminar page and list offer them in srcset.
  test('an imported seminar hero has WebP variants in srcset on its page and in the list', async () => {
    const content = writeTree(scratch('rynek-import-seminar-hero-'), {
      'seminars/z-obrazem/index.md': seminarText({ title: 'Seminarium z obrazem',
        hero: { image: 'grafika.png', alt: 'Rynek miasta z lotu ptaka' } }),
      'seminars/z-obrazem/grafika.png': png,
    });
    const dataDir = scratch('rynek-import-seminar-hero-data-');
    const result = runRynek(['import', content, '--data-dir', dataDir]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    const rynek = await new Rynek({ demo: false, dataDir }).start();
    try {
      for (const page of ['/seminaria/z-obrazem', '/seminaria']) {
        const html = (await request(rynek.port, page)).text;
        // On the page the hero has its description; on a card it is decorative (the title is the link).
        const img = (/<img[^>]*alt="Rynek miasta z lotu ptaka"[^>]*>/.exec(html) ||
          /<img class="seminar-card-image"[^>]*alt=""[^>]*>/.exec(html))?.[0];
        assert.ok(img, `${page}: the hero is shown`);
        const srcset = /srcset="([^"]+)"/.exec(img)?.[1];
        assert.ok(srcset, `${page}: the hero has srcset`);
        const urls = srcset.split(', ').map((candidate) => candidate.split(' ')[0]);
        assert.ok(urls.length >= 2, srcset);
        let webp = 0;
        for (const url of urls) {
          const res = await request(rynek.port, url);
          assert.equal(res.status, 200, url);
          if (res.headers['content-type'] === 'image/webp') webp++;
        }
        assert.ok(webp >= 1, `${page}: at least one WebP variant`);
      }
    } finally {
      await rynek.stop();
    }
  });
});
