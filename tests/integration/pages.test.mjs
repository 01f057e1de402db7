// What a visitor gets from the demo site: pages, feed, sitemap, robots, health,
// the 404 page in both languages, the language switch, and the media downloads.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Rynek, repoRoot } from '../lib/rynek.mjs';
import { request } from './helpers.mjs';

const seminarSlug = 'seminarium-forum-rozwoju-lokalnego';
const seminarDir = path.join(repoRoot, 'demo', 'articles', seminarSlug);
const pdfBytes = readFileSync(path.join(seminarDir, 'program-seminarium.pdf'));
const heroBytes = readFileSync(path.join(seminarDir, 'grafika.png'));
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

// Every demo article: <slug>.md or <slug>/index.md.
const demoSlugs = readdirSync(path.join(repoRoot, 'demo', 'articles')).flatMap((name) => {
  const full = path.join(repoRoot, 'demo', 'articles', name);
  if (statSync(full).isDirectory()) return [name];
  return name.endsWith('.md') ? [name.slice(0, -3)] : [];
});

let rynek;
let port;
before(async () => {
  rynek = await new Rynek().start();
  port = rynek.port;
});
after(async () => {
  const { code } = await rynek.stop();
  assert.equal(code, 0);
});

const articleLinks = (html) => new Set([...html.matchAll(/href="\/aktualnosci\/([a-z0-9-]+)"/g)].map((m) => m[1]));

describe('news pages', () => {
  test('home page lists the latest articles in Polish', async () => {
    const res = await request(port, '/');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(res.text, /<html lang="pl">/);
    assert.match(res.text, /<link rel="stylesheet" href="\/static\/css\/site\.css\?v=[0-9a-f]{12}">/);
    assert.ok(articleLinks(res.text).size >= 5, 'home links to several articles');
    for (const slug of articleLinks(res.text)) assert.ok(demoSlugs.includes(slug), `${slug} is a demo article`);
    assert.equal(Number(res.headers['content-length']), res.body.length);
  });

  test('the favicon link points at a served file', async () => {
    const res = await request(port, '/');
    const href = /<link rel="icon" href="([^"]*)"/.exec(res.text)?.[1];
    assert.ok(href, 'the layout has a favicon link with an address');
    const icon = await request(port, href);
    assert.equal(icon.status, 200);
    assert.equal(icon.headers['content-type'], 'image/svg+xml');
  });

  test('news list pages: page 1 and 2 together list every demo article once', async () => {
    const first = await request(port, '/aktualnosci');
    const second = await request(port, '/aktualnosci?strona=2');
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.match(first.text, /<h1>Aktualności<\/h1>/);
    assert.match(first.text, /href="\/aktualnosci\?strona=2" rel="next"/);
    assert.match(second.text, /rel="prev"|href="\/aktualnosci"[^>]*>/);
    const one = articleLinks(first.text.split('<main')[1]);
    const two = articleLinks(second.text.split('<main')[1]);
    for (const slug of two) assert.ok(!one.has(slug), `${slug} is on one page only`);
    assert.deepEqual([...one, ...two].sort(), [...demoSlugs].sort());
  });

  test('the list says how many articles there are, with Polish plural forms', async () => {
    const count = async (url, cookie) => {
      const res = await request(port, url, { headers: cookie ? { Cookie: cookie } : {} });
      return /<p class="count">([^<]*)<\/p>/.exec(res.text)?.[1];
    };
    assert.equal(await count('/aktualnosci'), `${demoSlugs.length} artykułów`);
    assert.equal(await count('/aktualnosci', 'lang=en'), `${demoSlugs.length} articles`);
    assert.equal(await count('/tagi/komunikaty'), '1 artykuł');
    assert.equal(await count('/tagi/seminaria'), '3 artykuły');
    assert.equal(await count('/tagi/komunikaty', 'lang=en'), '1 article');
  });

  for (const strona of ['0', '-1', 'abc', '999', '1.5', '2x', '']) {
    test(`an invalid page number ?strona=${strona} is 404`, async () => {
      const res = await request(port, `/aktualnosci?strona=${encodeURIComponent(strona)}`);
      assert.equal(res.status, 404);
      assert.match(res.text, /Nie znaleziono strony/);
    });
  }

  test('article page: title, lead, body, hero, attachment with type and size, tags, other articles', async () => {
    const res = await request(port, `/aktualnosci/${seminarSlug}`);
    assert.equal(res.status, 200);
    const html = res.text;
    assert.match(html, /<h1>Ostatnie seminarium Forum Rozwoju Lokalnego: jak wzmocniliśmy potencjał średnich i małych miast<\/h1>/);
    assert.match(html, /<title>Ostatnie seminarium Forum Rozwoju Lokalnego[^<]*– Rynek<\/title>/);
    assert.match(html, /<time datetime="2026-02-20T08:00:00Z">20 lutego 2026, godz\. 09:00<\/time>/);
    assert.match(html, /<strong>OECD<\/strong>/, 'Markdown body is rendered');
    assert.match(html, new RegExp(`<img src="/media/${sha256(heroBytes)}/[^"]+"[^>]* alt="Kolorowa ilustracja rynku`));
    // Sizes are shown in SI units (core::format_size): 1 kB = 1000 bytes.
    const kB = Math.round(pdfBytes.length / 1000);
    const attachment = new RegExp(
      `<a href="/media/${sha256(pdfBytes)}/program-seminarium\\.pdf" download>Program seminarium</a> <span class="file-info">\\(PDF, ${kB} kB\\)</span>`);
    assert.match(html, attachment);
    assert.match(html, /<a href="\/tagi\/seminaria">Seminaria<\/a>/);
    assert.match(html, /<h2 id="others-title">Pozostałe artykuły<\/h2>/);
    const others = html.slice(html.indexOf('<section class="others"'));
    const otherSlugs = articleLinks(others);
    assert.ok(otherSlugs.size >= 1 && !otherSlugs.has(seminarSlug), 'other articles exclude this one');
  });

  test('an unknown article is a Polish 404 page', async () => {
    const res = await request(port, '/aktualnosci/nie-ma-takiego-artykulu');
    assert.equal(res.status, 404);
    assert.match(res.text, /<html lang="pl">/);
    assert.match(res.text, /<h1>Nie znaleziono strony<\/h1>/);
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  test('tag page lists only the articles with that tag', async () => {
    const res = await request(port, '/tagi/seminaria');
    assert.equal(res.status, 200);
    assert.match(res.text, /Seminaria/);
    const slugs = articleLinks(res.text.split('<main')[1]);
    assert.ok(slugs.has(seminarSlug));
    assert.ok(!slugs.has('witamy-w-serwisie-rynek'), 'an article without the tag is not listed');
    assert.equal((await request(port, '/tagi/nie-ma-takiego-tagu')).status, 404);
  });
});

describe('feeds and machine files', () => {
  test('/feed.atom is an Atom feed with one entry per article', async () => {
    const res = await request(port, '/feed.atom');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^application\/atom\+xml/);
    const xml = res.text;
    assert.match(xml, /^<\?xml version="1\.0" encoding="utf-8"\?>\s*<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
    assert.match(xml, /<\/feed>\s*$/);
    const entries = xml.match(/<entry>[\s\S]*?<\/entry>/g) || [];
    assert.equal(entries.length, demoSlugs.length);
    for (const entry of entries) {
      assert.match(entry, /<title>[^<]+<\/title>/);
      assert.match(entry, new RegExp(`<id>http://127\\.0\\.0\\.1:${port}/aktualnosci/[a-z0-9-]+</id>`));
      assert.match(entry, /<updated>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/updated>/);
      assert.doesNotMatch(entry, /<(p|h\d|ul|a) /, 'HTML content is escaped inside the XML');
    }
    // Balanced: as many opening as closing entry tags, no stray '&' that is not an entity.
    assert.equal((xml.match(/<entry>/g) || []).length, (xml.match(/<\/entry>/g) || []).length);
    assert.doesNotMatch(xml, /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/);
  });

  test('/sitemap.xml lists the home, the list and every article', async () => {
    const res = await request(port, '/sitemap.xml');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /xml/);
    const locs = [...res.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    const base = `http://127.0.0.1:${port}`;
    assert.ok(locs.includes(`${base}/`));
    assert.ok(locs.includes(`${base}/aktualnosci`));
    for (const slug of demoSlugs) assert.ok(locs.includes(`${base}/aktualnosci/${slug}`), slug);
  });

  test('/robots.txt allows crawling and names the sitemap', async () => {
    const res = await request(port, '/robots.txt');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/plain/);
    assert.match(res.text, /^User-agent: \*$/m);
    assert.match(res.text, new RegExp(`^Sitemap: http://127\\.0\\.0\\.1:${port}/sitemap\\.xml$`, 'm'));
  });

  test('/healthz and /readyz answer and are never cached', async () => {
    const health = await request(port, '/healthz');
    assert.equal(health.status, 200);
    assert.equal(health.text, 'ok\n');
    assert.equal(health.headers['cache-control'], 'no-store');
    const ready = await request(port, '/readyz');
    assert.equal(ready.status, 200);
    assert.equal(JSON.parse(ready.text).status, 'ready');
    assert.equal(ready.headers['cache-control'], 'no-store');
  });
});

describe('language', () => {
  test('404 page is in English with the cookie lang=en', async () => {
    const res = await request(port, '/nie-ma', { headers: { Cookie: 'lang=en' } });
    assert.equal(res.status, 404);
    assert.match(res.text, /<html lang="en">/);
    assert.match(res.text, /<h1>Page not found<\/h1>/);
    assert.doesNotMatch(res.text, /Nie znaleziono/);
  });

  test('/jezyk/en?next=/aktualnosci switches language and returns to the page', async () => {
    const res = await request(port, '/jezyk/en?next=/aktualnosci');
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/aktualnosci');
    const cookie = res.headers['set-cookie']?.[0] || '';
    assert.match(cookie, /^lang=en;/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    const page = await request(port, '/aktualnosci', { headers: { Cookie: cookie.split(';')[0] } });
    assert.match(page.text, /<html lang="en">/);
    assert.match(page.text, /<h1>News<\/h1>/);
  });

  for (const next of ['//evil.example', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', '%2F%2Fevil.example']) {
    test(`the switch never redirects off-site: next=${next}`, async () => {
      const res = await request(port, `/jezyk/en?next=${encodeURIComponent(next)}`);
      assert.equal(res.status, 303);
      assert.equal(res.headers.location, '/');
    });
  }

  test('an unsupported language sets no cookie', async () => {
    const res = await request(port, '/jezyk/de?next=/aktualnosci');
    assert.equal(res.status, 303);
    assert.equal(res.headers['set-cookie'], undefined);
  });
});

describe('media', () => {
  test('the attachment downloads with its exact bytes', async () => {
    const res = await request(port, `/media/${sha256(pdfBytes)}/program-seminarium.pdf`);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(res.headers['content-disposition'], /^attachment; filename="program-seminarium\.pdf"/);
    assert.equal(Number(res.headers['content-length']), pdfBytes.length);
    assert.ok(res.body.equals(pdfBytes), 'the PDF bytes are identical');
    assert.match(res.headers['content-security-policy'], /sandbox/);
  });

  test('the hero image is served inline', async () => {
    const res = await request(port, `/media/${sha256(heroBytes)}/image`);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'image/png');
    assert.match(res.headers['content-disposition'], /^inline/);
    assert.ok(res.body.equals(heroBytes));
  });

  // The demo hero is imported (rynek serve loads the demo folder): importing made
  // its WebP variants, so every page showing it offers them in srcset.
  test('the imported hero has WebP variants in srcset, with the original as the widest', async () => {
    const hero = sha256(heroBytes);
    for (const page of [`/aktualnosci/${seminarSlug}`, '/aktualnosci', '/']) {
      const html = (await request(port, page)).text;
      const img = new RegExp(`<img [^>]*src="/media/${hero}/image"[^>]*>`).exec(html)?.[0];
      assert.ok(img, `${page} shows the hero`);
      const srcset = /srcset="([^"]+)"/.exec(img)?.[1];
      assert.ok(srcset, `${page}: the hero has srcset`);
      assert.match(img, /sizes="[^"]+"/);
      assert.match(img, /width="1200" height="675"/, 'the original size, so nothing shifts');
      const candidates = srcset.split(', ').map((c) => c.split(' '));
      assert.deepEqual(candidates.map(([, w]) => w), ['480w', '960w', '1200w']);
      assert.deepEqual(candidates.at(-1), [`/media/${hero}/image`, '1200w']);
      for (const [url] of candidates.slice(0, -1)) {
        const res = await request(port, url);
        assert.equal(res.status, 200, url);
        assert.equal(res.headers['content-type'], 'image/webp', url);
        assert.ok(res.body.length < heroBytes.length, 'a variant is smaller than the original');
      }
    }
  });

  test('unknown or malformed media is 404', async () => {
    assert.equal((await request(port, `/media/${'0'.repeat(64)}/x.pdf`)).status, 404);
    assert.equal((await request(port, '/media/not-a-hash/x.pdf')).status, 404);
  });
});
