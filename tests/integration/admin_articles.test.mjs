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
import { adminScene, bombPng, login, pdf, png, postEdit, postMultipart, revisionOf, sql, sqlValue, userAdd } from './admin_helpers.mjs';
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
  s = await adminScene({}, { editor: ['redaktor@rynek.test', 'editor'], editor2: ['redaktorka@rynek.test', 'editor'] });
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
    const published = await postEdit(editor, `/admin/artykuly/${articleId}`, [
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

    const unpublished = await postEdit(editor, `/admin/artykuly/${articleId}`, [
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
    const response = await postEdit(editor, `/admin/artykuly/${articleId}`, [
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

  test('an image attachment declaring 100000×100000 pixels is refused like a hero image', async () => {
    // Issue 8, D27: attachments skipped the pixel limit, and images are shown inline.
    const files = mediaFiles();
    const rows = mediaRows();
    const response = await postMultipart(editor, `/admin/artykuly/${articleId}/zalaczniki`, [
      ['title', 'Plan'], ['file', { filename: 'plan.png', type: 'image/png', data: bombPng() }]]);
    assert.equal(response.status, 422);
    assert.ok(response.text.includes('Obraz jest za duży (najwyżej 40 megapikseli).'));
    assert.deepEqual(mediaFiles(), files);
    assert.equal(mediaRows(), rows);
    assert.equal(sqlValue(s.world.dataDir, 'SELECT count(*) FROM attachments'), '0');
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
      ['tags', field('tags')], ['published_at', field('published_at')], ['hero_alt', field('hero_alt')],
      ['revision', field('revision')], ['action', 'save']]);
    assert.equal(saved.status, 303);
    assert.deepEqual(snapshot(), before, 'no change, no audit entry');
  });

  test('an unknown action is still 400', async () => {
    const response = await postMultipart(editor, `/admin/artykuly/${articleId}`, [['title', 'X'], ['action', 'podglad']]);
    assert.equal(response.status, 400);
  });
});

// Optimistic locking: the form carries the revision it was opened with; a save
// over a newer one (or with none, or an unreadable one) writes nothing, keeps
// the editor's values and answers 409 with the stored revision in the form.
describe('edit conflicts', () => {
  const url = () => `/admin/artykuly/${articleId}`;
  const WATCHED = ['SELECT * FROM articles', 'SELECT * FROM article_tags', 'SELECT * FROM attachments',
    'SELECT * FROM media', 'SELECT * FROM audit_log'];
  const snapshot = () => WATCHED.map((q) => JSON.stringify(sql(s.world.dataDir, `${q} ORDER BY 1`))).join('\n');
  const form = (title, revision) => [...(revision === undefined ? [] : [['revision', revision]]),
    ['title', title], ['slug', 'nowy-rynek-w-gnieznie'], ['lead', 'Po remoncie.'], ['body', 'Tekst.'],
    ['hero_alt', 'Odnowiony rynek w Gnieźnie'], ['action', 'save']];
  const title = () => sqlValue(s.world.dataDir, `SELECT title FROM articles WHERE id = ${articleId}`);

  test('two editors open the form: the second save is 409 with their values, and saving again overwrites', async () => {
    const editor2 = await s.login('editor2');
    const tabA = revisionOf((await editor.request(url())).text);
    const tabB = revisionOf((await editor2.request(url())).text);
    assert.match(tabA, /^\d+$/, 'the form carries the revision');
    assert.equal(tabB, tabA);
    const first = await postMultipart(editor, url(), form('Tytuł redaktora A', tabA));
    assert.equal(first.status, 303);
    const stored = sqlValue(s.world.dataDir, `SELECT revision FROM articles WHERE id = ${articleId}`);
    assert.equal(Number(stored), Number(tabA) + 1, 'the save added one');
    const before = snapshot();
    const lost = await postMultipart(editor2, url(), form('Tytuł redaktorki B', tabB));
    assert.equal(lost.status, 409);
    assert.ok(lost.text.includes('Ktoś inny zapisał w międzyczasie ten artykuł'), 'the notice, in Polish');
    assert.ok(lost.text.includes(`href="/admin/artykuly/${articleId}/podglad"`), 'a link to the saved version');
    assert.ok(lost.text.includes('value="Tytuł redaktorki B"'), "the editor's values are kept");
    assert.equal(revisionOf(lost.text), stored, 'the form now carries the stored revision');
    assert.equal(snapshot(), before, 'nothing stored, no audit entry');
    assert.equal(title(), 'Tytuł redaktora A');
    const again = await postMultipart(editor2, url(), form('Tytuł redaktorki B', revisionOf(lost.text)));
    assert.equal(again.status, 303, 'submitting the re-rendered form is a deliberate overwrite');
    assert.equal(title(), 'Tytuł redaktorki B');
  });

  test('a newly chosen hero is not kept by a 409, and the page says so', async () => {
    const stale = String(Number(sqlValue(s.world.dataDir, `SELECT revision FROM articles WHERE id = ${articleId}`)) - 1);
    const before = snapshot();
    const response = await postMultipart(editor, url(), [...form('Z nowym obrazem', stale),
      ['hero', { filename: 'nowy.png', type: 'image/png', data: png(64, 36, 5) }]]);
    assert.equal(response.status, 409);
    assert.ok(response.text.includes('Wybrany obraz nie został zachowany'), 'asks to choose the image again');
    assert.match(response.text, /id="conflict"[^>]*autofocus/, 'the notice takes the focus');
    assert.equal(snapshot(), before, 'nothing stored, the image not recorded');
  });

  test('a form without a revision is 409 and writes nothing', async () => {
    const before = snapshot();
    const response = await postMultipart(editor, url(), form('Bez rewizji'));
    assert.equal(response.status, 409);
    assert.ok(response.text.includes('Formularz nie wskazał'), 'says why');
    assert.ok(response.text.includes('value="Bez rewizji"'));
    assert.match(revisionOf(response.text), /^\d+$/);
    assert.equal(snapshot(), before);
  });

  test('a revision that is not a number, negative or too large is refused, never a 500', async () => {
    const before = snapshot();
    for (const revision of ['abc', '-1', '99999999999999999999999', '1.5', ' ']) {
      const response = await postMultipart(editor, url(), form('Zła rewizja', revision));
      assert.equal(response.status, 409, revision);
      assert.ok(response.text.includes('Formularz nie wskazał'), revision);
    }
    assert.equal(snapshot(), before);
  });

  test('adding an attachment raises the revision, so a form opened before it is stale', async () => {
    const tab = revisionOf((await editor.request(url())).text);
    const added = await postMultipart(editor, `${url()}/zalaczniki`, [
      ['title', 'Regulamin'], ['file', { filename: 'regulamin.pdf', type: 'application/pdf', data: pdf('regulamin') }]]);
    assert.equal(added.status, 303);
    const before = snapshot();
    const stale = await postMultipart(editor, url(), form('Po załączniku', tab));
    assert.equal(stale.status, 409);
    assert.equal(snapshot(), before);
  });
});

describe('deleting a draft', () => {
  const WATCHED = ['SELECT * FROM articles', 'SELECT * FROM article_tags', 'SELECT * FROM tags', 'SELECT * FROM attachments',
    'SELECT * FROM media', 'SELECT * FROM audit_log'];
  const snapshot = () => WATCHED.map((q) => JSON.stringify(sql(s.world.dataDir, `${q} ORDER BY 1`))).join('\n');
  const create = async (title, slug, action = 'save') => {
    const created = await postMultipart(editor, '/admin/artykuly/nowy', [['title', title], ['slug', slug],
      ['tags', 'Do usunięcia'], ['action', action]]);
    assert.equal(created.status, 303, created.text?.slice(0, 2000));
    return Number(/\/admin\/artykuly\/(\d+)/.exec(created.headers.location)[1]);
  };
  const revision = (id) => sqlValue(s.world.dataDir, `SELECT revision FROM articles WHERE id = ${id}`);
  const exists = (id) => sqlValue(s.world.dataDir, `SELECT count(*) FROM articles WHERE id = ${id}`) === '1';

  test('a draft with an attachment: confirmed, deleted with its rows, gone from the list, its address free', async () => {
    const id = await create('Szkic do usunięcia', 'szkic-do-usuniecia');
    const added = await postMultipart(editor, `/admin/artykuly/${id}/zalaczniki`, [
      ['title', 'Notatki'], ['file', { filename: 'notatki.pdf', type: 'application/pdf', data: pdf('szkic-do-usuniecia') }]]);
    assert.equal(added.status, 303);
    const edit = await editor.request(`/admin/artykuly/${id}`);
    assert.ok(edit.text.includes(`href="/admin/artykuly/${id}/usun"`), 'the edit page of a draft links the deletion');
    const list = await editor.request('/admin/artykuly');
    assert.ok(list.text.includes(`href="/admin/artykuly/${id}/usun"`), 'so does its row in the list');

    const page = await editor.request(`/admin/artykuly/${id}/usun`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes('Usunąć szkic „Szkic do usunięcia”? Tego nie można cofnąć.'), 'the question, in Polish');
    assert.ok(page.text.includes(`<form method="post" action="/admin/artykuly/${id}/usun">`), 'a POST form');
    assert.match(page.text, /name="csrf" value="[^"]+"/);
    assert.equal(revisionOf(page.text), revision(id), 'the form carries the revision');
    assert.ok(page.text.includes(`class="button button-secondary" href="/admin/artykuly/${id}"`), 'cancel leads back to the edit page');

    const files = mediaFiles().length;
    const media = mediaRows();
    const deleted = await editor.post(`/admin/artykuly/${id}/usun`, { revision: revisionOf(page.text) });
    assert.equal(deleted.status, 303);
    assert.equal(deleted.headers.location, '/admin/artykuly?usunieto=1');
    assert.ok(!exists(id), 'the row is gone');
    assert.equal(sqlValue(s.world.dataDir, `SELECT count(*) FROM attachments WHERE article_id = ${id}`), '0');
    assert.equal(sqlValue(s.world.dataDir, `SELECT count(*) FROM article_tags WHERE article_id = ${id}`), '0');
    assert.equal(sqlValue(s.world.dataDir, "SELECT count(*) FROM tags WHERE slug = 'do-usuniecia'"), '0', 'its own tag');
    assert.equal(mediaRows(), media, 'media rows stay (content-addressed, maybe shared)');
    assert.equal(mediaFiles().length, files, 'and so do the files');
    const after = await editor.request(deleted.headers.location);
    assert.ok(after.text.includes('Szkic został usunięty.'), 'the notice');
    assert.ok(!after.text.includes('Szkic do usunięcia'), 'no longer listed');
    assert.equal((await editor.request(`/admin/artykuly/${id}`)).status, 404);
    assert.equal((await editor.request(`/admin/artykuly/${id}/usun`)).status, 404);

    const [[action, account, summary, details]] = sql(s.world.dataDir,
      `SELECT a.action, c.email, a.summary, a.details FROM audit_log a JOIN accounts c ON c.id = a.account_id WHERE a.object_type = 'article' AND a.object_id = ${id} AND a.action = 'article.delete'`);
    assert.equal(action, 'article.delete');
    assert.equal(account, 'redaktor@rynek.test');
    assert.equal(summary, 'Szkic do usunięcia');
    assert.deepEqual(JSON.parse(details), { title: 'Szkic do usunięcia', slug: 'szkic-do-usuniecia' });

    const again = await create('Nowy tekst pod starym adresem', 'szkic-do-usuniecia');
    assert.equal(sqlValue(s.world.dataDir, `SELECT slug FROM articles WHERE id = ${again}`), 'szkic-do-usuniecia', 'the address is free again');
  });

  test('a published or unpublished article cannot be deleted: 409, and nothing changes', async () => {
    const id = await create('Opublikowany tekst', 'opublikowany-tekst', 'publish');
    const edit = await editor.request(`/admin/artykuly/${id}`);
    assert.ok(!edit.text.includes(`/admin/artykuly/${id}/usun`), 'no deletion link');
    const list = await editor.request('/admin/artykuly');
    assert.ok(!list.text.includes(`/admin/artykuly/${id}/usun`), 'none in the list either');
    for (const step of ['published', 'unpublished']) {
      if (step === 'unpublished') {
        const unpublished = await postEdit(editor, `/admin/artykuly/${id}`, [['title', 'Opublikowany tekst'],
          ['slug', 'opublikowany-tekst'], ['tags', 'Do usunięcia'], ['action', 'unpublish']]);
        assert.equal(unpublished.status, 303);
      }
      const before = snapshot();
      const page = await editor.request(`/admin/artykuly/${id}/usun`);
      assert.equal(page.status, 409, step);
      assert.ok(page.text.includes('Usunąć można tylko szkic'), `${step}: says why`);
      assert.ok(!page.text.includes('name="revision"'), `${step}: no form`);
      const response = await editor.post(`/admin/artykuly/${id}/usun`, { revision: revision(id) });
      assert.equal(response.status, 409, step);
      assert.ok(response.text.includes('Usunąć można tylko szkic'), `${step}: the POST says why too`);
      assert.equal(snapshot(), before, `${step}: nothing changed`);
      assert.ok(exists(id));
    }
  });

  test('missing CSRF 403, stale or missing revision 409, organiser 403, anonymous to login, unknown ids 404', async () => {
    const id = await create('Szkic pod ochroną', 'szkic-pod-ochrona');
    const url = `/admin/artykuly/${id}/usun`;
    const opened = revisionOf((await editor.request(url)).text);
    let before = snapshot();
    assert.equal((await editor.post(url, { revision: opened }, { csrf: false })).status, 403, 'no CSRF token');
    assert.equal((await editor.post(url, { revision: opened, csrf: 'x' })).status, 403, 'a wrong CSRF token');
    const missing = await editor.post(url, {});
    assert.equal(missing.status, 409, 'no revision');
    assert.ok(missing.text.includes('Formularz nie wskazał'), 'says why');
    for (const hostile of ['abc', '-1', '99999999999999999999999', ' ']) {
      assert.equal((await editor.post(url, { revision: hostile })).status, 409, hostile);
    }
    assert.equal(snapshot(), before, 'nothing deleted');

    const saved = await postEdit(editor, `/admin/artykuly/${id}`, [['title', 'Szkic pod ochroną, poprawiony'],
      ['slug', 'szkic-pod-ochrona'], ['action', 'save']]);
    assert.equal(saved.status, 303);
    before = snapshot();
    const stale = await editor.post(url, { revision: opened });
    assert.equal(stale.status, 409, 'changed since the page was opened');
    assert.ok(stale.text.includes('Ktoś zmienił ten szkic'), 'says so');
    assert.ok(stale.text.includes('Szkic pod ochroną, poprawiony'), 'shows the draft as it is now');
    assert.equal(revisionOf(stale.text), revision(id), 'and carries the stored revision');
    assert.equal(snapshot(), before);

    userAdd(s.world.dataDir, 'organizator@rynek.test', 'organiser');
    const organiser = await login(s.rynek.port, 'organizator@rynek.test');
    before = snapshot();  // the new account may have its own audit entry
    assert.equal((await organiser.request(url)).status, 403);
    assert.equal((await organiser.post(url, { revision: revision(id) })).status, 403);
    const anonymous = new Visitor(s.rynek.port);
    for (const response of [await anonymous.request(url), await anonymous.post(url, { revision: revision(id) }, { csrf: false })]) {
      assert.equal(response.status, 303);
      assert.equal(response.headers.location, `/admin/logowanie?next=${encodeURIComponent(url)}`);
    }
    for (const other of ['999999', 'abc', '-1']) {
      assert.equal((await editor.request(`/admin/artykuly/${other}/usun`)).status, 404, other);
      assert.equal((await editor.post(`/admin/artykuly/${other}/usun`, { revision: '1' })).status, 404, other);
    }
    assert.equal(snapshot(), before, 'none of it changed anything');
    assert.ok(exists(id));

    const confirmed = await editor.post(url, { revision: revisionOf(stale.text) });
    assert.equal(confirmed.status, 303, 'confirming the re-drawn page deletes it');
    assert.ok(!exists(id));
  });
});
