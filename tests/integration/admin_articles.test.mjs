// Articles from the back office, through the built binary: an editor writes a
// draft with a hero image (a PNG made here) and its description, previews it,
// publishes it (now on /aktualnosci), unpublishes it (404 for the public);
// an address already taken is a field error; and hostile uploads are refused
// with a message and leave nothing in the media store: a shell script named
// .pdf, an oversized body (413), a PNG "bomb" declaring 100000×100000 pixels;
// a file name with a path is stored by its base name only.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { adminScene, bombPng, pdf, png, postMultipart, sql, sqlValue } from './admin_helpers.mjs';
import { Visitor } from './seminars_helpers.mjs';

let s;
let editor;
let articleId;

// Every file under the data dir's media store (originals and variants).
function mediaFiles() {
  const root = path.join(s.world.dataDir, 'media');
  const files = [];
  const walk = (dir) => {
    let entries = [];
    try { entries = readdirSync(dir); } catch { return; }
    for (const name of entries) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full); else files.push(full);
    }
  };
  walk(root);
  return files.sort();
}

const mediaRows = () => sqlValue(s.world.dataDir, 'SELECT count(*) FROM media');
const publicPage = (slug) => new Visitor(s.rynek.port).request(`/aktualnosci/${slug}`);

before(async () => {
  s = await adminScene({}, { editor: ['redaktor@rynek.test', 'editor'] });
  editor = await s.login('editor');
});
after(async () => { await s?.world.cleanup(); });

describe('writing and publishing', () => {
  test('a draft with a hero image, previewed, is not public yet', async () => {
    const created = await postMultipart(editor, '/admin/artykuly/nowy', [
      ['title', 'Nowy rynek w Gnieźnie'], ['slug', 'nowy-rynek-w-gnieznie'], ['lead', 'Po remoncie.'],
      ['body', '## Otwarcie\n\nRynek jest **gotowy**.'], ['tags', 'rewitalizacja, Gniezno'], ['published_at', ''],
      ['hero', { filename: 'rynek.png', type: 'image/png', data: png(120, 80, 1) }], ['hero_alt', 'Odnowiony rynek w Gnieźnie'],
      ['action', 'save']]);
    assert.equal(created.status, 303);
    const match = /^\/admin\/artykuly\/(\d+)\?zapisano=1$/.exec(created.headers.location);
    assert.ok(match, created.headers.location);
    articleId = Number(match[1]);
    assert.equal(sqlValue(s.world.dataDir, `SELECT status FROM articles WHERE id = ${articleId}`), 'draft');
    const hero = sqlValue(s.world.dataDir, `SELECT hero_sha256 FROM articles WHERE id = ${articleId}`);
    assert.match(hero, /^[0-9a-f]{64}$/);
    assert.ok(mediaFiles().length >= 1, 'the image is stored');

    const preview = await editor.request(`/admin/artykuly/${articleId}/podglad`);
    assert.equal(preview.status, 200);
    assert.match(preview.text, /<h2[^>]*>Otwarcie<\/h2>/);
    assert.match(preview.text, /alt="Odnowiony rynek w Gnieźnie"/);
    assert.equal((await publicPage('nowy-rynek-w-gnieznie')).status, 404, 'a draft is not public');
  });

  test('published it is on the news pages; unpublished it is gone', async () => {
    const published = await postMultipart(editor, `/admin/artykuly/${articleId}`, [
      ['title', 'Nowy rynek w Gnieźnie'], ['slug', 'nowy-rynek-w-gnieznie'], ['lead', 'Po remoncie.'],
      ['body', '## Otwarcie\n\nRynek jest **gotowy**.'], ['tags', 'rewitalizacja, Gniezno'], ['published_at', ''],
      ['hero_alt', 'Odnowiony rynek w Gnieźnie'], ['action', 'publish']]);
    assert.equal(published.status, 303);
    const page = await publicPage('nowy-rynek-w-gnieznie');
    assert.equal(page.status, 200);
    assert.match(page.text, /Rynek jest <strong>gotowy<\/strong>/);
    assert.match(page.text, /alt="Odnowiony rynek w Gnieźnie"/);
    const list = await new Visitor(s.rynek.port).request('/aktualnosci');
    assert.ok(list.text.includes('href="/aktualnosci/nowy-rynek-w-gnieznie"'), 'listed on /aktualnosci');

    const unpublished = await postMultipart(editor, `/admin/artykuly/${articleId}`, [
      ['title', 'Nowy rynek w Gnieźnie'], ['slug', 'nowy-rynek-w-gnieznie'], ['hero_alt', 'Odnowiony rynek w Gnieźnie'],
      ['lead', 'Po remoncie.'], ['body', '## Otwarcie\n\nRynek jest **gotowy**.'], ['action', 'unpublish']]);
    assert.equal(unpublished.status, 303);
    assert.equal((await publicPage('nowy-rynek-w-gnieznie')).status, 404, 'unpublished: not found publicly');
    const again = await new Visitor(s.rynek.port).request('/aktualnosci');
    assert.ok(!again.text.includes('/aktualnosci/nowy-rynek-w-gnieznie'), 'no longer listed');
    assert.equal((await editor.request(`/admin/artykuly/${articleId}/podglad`)).status, 200, 'the editor still previews it');
  });

  test('an address another article has is a field error, and nothing is saved', async () => {
    const before = sqlValue(s.world.dataDir, 'SELECT count(*) FROM articles');
    const conflict = await postMultipart(editor, '/admin/artykuly/nowy', [
      ['title', 'Inny tytuł'], ['slug', 'nowy-rynek-w-gnieznie'], ['action', 'save']]);
    assert.equal(conflict.status, 409);
    assert.ok(conflict.text.includes('Inny artykuł ma już ten adres.'));
    assert.match(conflict.text, /id="slug"[^>]*aria-invalid="true"/);
    assert.ok(conflict.text.includes('value="Inny tytuł"'), 'the form keeps what was typed');
    assert.equal(sqlValue(s.world.dataDir, 'SELECT count(*) FROM articles'), before);
  });
});

describe('hostile uploads', () => {
  test('a shell script named .pdf is refused with a message and stored nowhere', async () => {
    const files = mediaFiles();
    const rows = mediaRows();
    const response = await postMultipart(editor, `/admin/artykuly/${articleId}/zalaczniki`, [
      ['title', 'Program'], ['file', { filename: 'program.pdf', type: 'application/pdf', data: Buffer.from('#!/bin/sh\nrm -rf / --no-preserve-root\n') }]]);
    assert.equal(response.status, 422);
    assert.ok(response.text.includes('Ten rodzaj pliku nie jest przyjmowany.'));
    assert.deepEqual(mediaFiles(), files);
    assert.equal(mediaRows(), rows);
    assert.equal(sqlValue(s.world.dataDir, 'SELECT count(*) FROM attachments'), '0');
  });

  test('a hero "image" that is a script is refused too', async () => {
    const files = mediaFiles();
    const response = await postMultipart(editor, `/admin/artykuly/${articleId}`, [
      ['title', 'Nowy rynek w Gnieźnie'], ['slug', 'nowy-rynek-w-gnieznie'], ['hero_alt', 'x'],
      ['hero', { filename: 'obraz.png', type: 'image/png', data: Buffer.from('<?php system($_GET["c"]); ?>') }], ['action', 'save']]);
    assert.equal(response.status, 422);
    assert.match(response.text, /id="hero"[^>]*aria-invalid="true"/);
    assert.deepEqual(mediaFiles(), files);
  });

  test('an oversized upload is refused with 413 and stored nowhere', async () => {
    const files = mediaFiles();
    const rows = mediaRows();
    const big = Buffer.alloc(12 * 1024 * 1024, 0x41);
    big.write('%PDF-1.4\n');
    const response = await postMultipart(editor, '/admin/artykuly/nowy', [
      ['title', 'Za duży'], ['hero', { filename: 'duzy.png', type: 'image/png', data: big }], ['hero_alt', 'x'], ['action', 'save']]);
    assert.equal(response.status, 413);
    assert.deepEqual(mediaFiles(), files);
    assert.equal(mediaRows(), rows);
    assert.equal(sqlValue(s.world.dataDir, "SELECT count(*) FROM articles WHERE title = 'Za duży'"), '0');
  });

  test('a PNG declaring 100000×100000 pixels is refused before decoding', async () => {
    const files = mediaFiles();
    const bomb = bombPng();
    assert.ok(bomb.length < 200, 'the bomb is tiny');
    const started = Date.now();
    const response = await postMultipart(editor, '/admin/artykuly/nowy', [
      ['title', 'Bomba'], ['hero', { filename: 'bomba.png', type: 'image/png', data: bomb }], ['hero_alt', 'Bomba'], ['action', 'save']]);
    assert.equal(response.status, 422);
    assert.ok(response.text.includes('Obraz jest za duży (najwyżej 40 megapikseli).'));
    assert.ok(Date.now() - started < 5000, 'answered without decoding 10 gigapixels');
    assert.deepEqual(mediaFiles(), files);
    assert.equal(sqlValue(s.world.dataDir, "SELECT count(*) FROM articles WHERE title = 'Bomba'"), '0');
  });

  test('a file name with a path is stored by its base name', async () => {
    const response = await postMultipart(editor, `/admin/artykuly/${articleId}/zalaczniki`, [
      ['title', 'Regulamin'], ['file', { filename: '../../x.pdf', type: 'application/pdf', data: pdf('regulamin') }]]);
    assert.equal(response.status, 303);
    const [[filename]] = sql(s.world.dataDir, `SELECT filename FROM attachments WHERE article_id = ${articleId}`);
    assert.equal(filename, 'x.pdf');
    for (const file of mediaFiles()) {
      assert.ok(file.startsWith(path.join(s.world.dataDir, 'media') + path.sep), `${file} inside the media store`);
      assert.ok(!file.endsWith('x.pdf'), 'stored by content hash, not by the given name');
    }
  });
});

// Every back-office write hands the new content version to the page cache before
// it answers, so the public page (served from the cache) changes at once: no
// sleep between the change and the visitor's request.
describe('the public page follows every change at once', () => {
  let id;
  const slug = 'plac-w-koninie';
  const fields = [['title', 'Plac w Koninie'], ['slug', slug], ['lead', 'Nowa zieleń.'], ['body', 'Plac **zazielenił się**.'],
    ['tags', ''], ['published_at', ''], ['hero_alt', 'Plac z drzewami']];

  before(async () => {
    const created = await postMultipart(editor, '/admin/artykuly/nowy', [...fields,
      ['hero', { filename: 'plac.png', type: 'image/png', data: png(1100, 619, 7) }], ['action', 'publish']]);
    assert.equal(created.status, 303);
    id = Number(/\/admin\/artykuly\/(\d+)/.exec(created.headers.location)[1]);
  });

  test('an added attachment is on the public page immediately, a removed one gone immediately', async () => {
    const cached = await publicPage(slug);
    assert.equal(cached.status, 200);
    assert.ok(!cached.text.includes('Mapa placu'), 'no attachment yet (and the page is now cached)');
    const added = await postMultipart(editor, `/admin/artykuly/${id}/zalaczniki`, [
      ['title', 'Mapa placu'], ['file', { filename: 'mapa.pdf', type: 'application/pdf', data: pdf('mapa') }]]);
    assert.equal(added.status, 303);
    assert.ok((await publicPage(slug)).text.includes('>Mapa placu</a>'), 'shown without waiting for the cache poller');
    const [[fileId]] = sql(s.world.dataDir, `SELECT id FROM attachments WHERE article_id = ${id}`);
    const removed = await postMultipart(editor, `/admin/artykuly/${id}/zalaczniki/${fileId}/usun`, [['confirm', 'yes']]);
    assert.equal(removed.status, 303);
    assert.ok(!(await publicPage(slug)).text.includes('Mapa placu'), 'gone without waiting for the cache poller');
  });

  test('an uploaded hero gets srcset with WebP variants that are served, and its real size', async () => {
    const html = (await publicPage(slug)).text;
    const hero = sqlValue(s.world.dataDir, `SELECT hero_sha256 FROM articles WHERE id = ${id}`);
    const img = new RegExp(`<img src="/media/${hero}/image"[^>]*>`).exec(html)?.[0];
    assert.ok(img, 'the hero is on the page');
    assert.match(img, /alt="Plac z drzewami"/);
    assert.match(img, /width="1100" height="619"/);
    assert.match(img, /sizes="[^"]+"/);
    const candidates = /srcset="([^"]+)"/.exec(img)[1].split(', ').map((c) => c.split(' '));
    assert.deepEqual(candidates.map(([, w]) => w), ['480w', '960w', '1100w'], 'variants by width, then the original');
    assert.equal(candidates.at(-1)[0], `/media/${hero}/image`);
    const variants = sql(s.world.dataDir, `SELECT variant_sha256 FROM media_variants WHERE sha256 = '${hero}' ORDER BY width`);
    assert.deepEqual(candidates.slice(0, -1).map(([url]) => url), variants.map(([sha]) => `/media/${sha}/image`));
    for (const [url] of candidates.slice(0, -1)) {
      const res = await new Visitor(s.rynek.port).request(url);
      assert.equal(res.status, 200, url);
      assert.equal(res.headers['content-type'], 'image/webp', url);
    }
  });
});

// "Preview the text" renders the unsaved body under the body field and keeps
// every value; it stores nothing, not even a chosen image.
describe('preview before saving', () => {
  const snapshot = () => ({
    articles: sql(s.world.dataDir, 'SELECT id, title, slug, lead, body_md, status, updated_at FROM articles ORDER BY id'),
    audit: sqlValue(s.world.dataDir, 'SELECT count(*) FROM audit_log'),
    media: mediaFiles(),
  });

  test('an existing article: the typed text is rendered, every value kept, nothing changed', async () => {
    const before = snapshot();
    const editPage = (await editor.request(`/admin/artykuly/${articleId}`)).text;
    const response = await postMultipart(editor, `/admin/artykuly/${articleId}`, [
      ['title', 'Zmieniony tytuł'], ['slug', 'nowy-rynek-w-gnieznie'], ['lead', 'Inny lead.'],
      ['body', '## Nowy rozdział\n\nTekst z *kursywą*.'], ['tags', 'rewitalizacja'], ['published_at', '2026-03-07 11:00'],
      ['hero_alt', 'Nowy opis'], ['action', 'preview']]);
    assert.equal(response.status, 200);
    assert.match(response.text, /<h2 id="preview-title">Podgląd<\/h2>/);
    assert.match(response.text, /<div class="prose"[^>]*>\s*<h2>Nowy rozdział<\/h2>\s*<p>Tekst z <em>kursywą<\/em>.<\/p>/);
    for (const kept of ['value="Zmieniony tytuł"', '>Inny lead.</textarea>', 'value="rewitalizacja"', 'value="2026-03-07 11:00"', 'value="Nowy opis"']) {
      assert.ok(response.text.includes(kept), `keeps ${kept}`);
    }
    assert.ok(response.text.includes('## Nowy rozdział'), 'the body field keeps the Markdown');
    assert.ok(!response.text.includes('id="error-summary"'), 'no errors');
    assert.deepEqual(snapshot(), before, 'nothing stored');
    assert.equal((await editor.request(`/admin/artykuly/${articleId}`)).text, editPage, 'the edit page is unchanged');
  });

  test('a new article is previewed, not created; a chosen image is not kept, and the page says so', async () => {
    const before = snapshot();
    const response = await postMultipart(editor, '/admin/artykuly/nowy', [
      ['title', 'Szkic w podglądzie'], ['body', 'Lista:\n\n- raz\n- dwa'],
      ['hero', { filename: 'x.png', type: 'image/png', data: png(64, 36, 3) }], ['hero_alt', 'Opis'], ['action', 'preview']]);
    assert.equal(response.status, 200);
    assert.match(response.text, /<li>raz<\/li>\s*<li>dwa<\/li>/);
    assert.ok(response.text.includes('Nowo wybrany obraz nie jest zachowywany w podglądzie'), 'the note about the image');
    assert.ok(response.text.includes('value="Szkic w podglądzie"'));
    assert.deepEqual(snapshot(), before, 'no article, no media, no audit entry');
  });

  test('validation errors are listed but do not block the preview', async () => {
    const before = snapshot();
    const response = await postMultipart(editor, `/admin/artykuly/${articleId}`, [
      ['title', 'Nowy rynek w Gnieźnie'], ['slug', 'Zły Adres!'], ['body', 'Mimo **błędu**.'], ['published_at', 'jutro'],
      ['hero_alt', 'Odnowiony rynek w Gnieźnie'], ['action', 'preview']]);
    assert.equal(response.status, 200);
    assert.ok(response.text.includes('id="error-summary"'), 'the summary is shown as on a save');
    assert.match(response.text, /id="published_at"[^>]*aria-invalid="true"/);
    assert.match(response.text, /Mimo <strong>błędu<\/strong>/);
    assert.deepEqual(snapshot(), before);
  });

  test('the form saved back as shown changes nothing and writes no audit entry', async () => {
    const page = (await editor.request(`/admin/artykuly/${articleId}`)).text;
    const field = (name) => {
      const input = new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(page) || new RegExp(`value="([^"]*)"[^>]*name="${name}"`).exec(page);
      const area = new RegExp(`name="${name}"[^>]*>([^<]*)</textarea>`).exec(page);
      return (input || area)[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    };
    // Shown to the minute; the stored time of an article published "now" has seconds.
    assert.match(field('published_at'), /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d$/);
    const before = snapshot();
    const saved = await postMultipart(editor, `/admin/artykuly/${articleId}`, [
      ['title', field('title')], ['slug', field('slug')], ['lead', field('lead')], ['body', field('body')],
      ['tags', field('tags')], ['published_at', field('published_at')], ['hero_alt', field('hero_alt')], ['action', 'save']]);
    assert.equal(saved.status, 303);
    assert.deepEqual(snapshot(), before, 'no change, no audit entry');
  });

  test('an unknown action is still 400', async () => {
    const response = await postMultipart(editor, `/admin/artykuly/${articleId}`, [['title', 'X'], ['action', 'podglad']]);
    assert.equal(response.status, 400);
  });
});
