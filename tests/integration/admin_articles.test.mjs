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
