// A request must never hang. Through the built binary: the media store fails
// while an attachment, a seminar material and a hero image are uploaded (its
// folder is replaced by a plain file, which fails even for root) — each POST
// gets the 500 page within seconds, nothing is stored half-way, the server keeps
// serving, and SIGTERM then stops it at once instead of waiting out the grace
// period for a request nobody will answer.
import assert from 'node:assert/strict';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { adminScene, pdf, png, postMultipart, sqlValue } from './admin_helpers.mjs';

let s;
let editor;
let articleId;

before(async () => {
  s = await adminScene({}, { editor: ['redaktor@rynek.test', 'editor'] });
  editor = await s.login('editor');
  const created = await postMultipart(editor, '/admin/artykuly/nowy', [
    ['title', 'Artykuł z załącznikiem'], ['slug', 'artykul-z-zalacznikiem'], ['lead', 'Krótko.'],
    ['body', 'Treść.'], ['action', 'save']]);
  assert.equal(created.status, 303);
  articleId = Number(/\/admin\/artykuly\/(\d+)/.exec(created.headers.location)[1]);
});
after(async () => { await s?.world.cleanup(); });

const media = () => path.join(s.world.dataDir, 'media');

// Runs `fn` while the media store cannot store anything.
async function withBrokenMediaStore(fn) {
  const aside = `${media()}.aside`;
  let moved = false;
  try { renameSync(media(), aside); moved = true; } catch { /* no media yet */ }
  writeFileSync(media(), 'not a directory');
  try {
    return await fn();
  } finally {
    rmSync(media(), { force: true });
    if (moved) renameSync(aside, media());
  }
}

async function timed(promise) {
  const started = Date.now();
  const response = await promise;
  return { response, ms: Date.now() - started };
}

describe('the media store fails during an upload', () => {
  test('an attachment upload answers 500 at once and stores no row', async () => {
    const rows = sqlValue(s.world.dataDir, 'SELECT count(*) FROM attachments');
    const { response, ms } = await withBrokenMediaStore(() => timed(postMultipart(editor, `/admin/artykuly/${articleId}/zalaczniki`, [
      ['title', 'Program'], ['file', { filename: 'program.pdf', type: 'application/pdf', data: pdf() }]])));
    assert.equal(response.status, 500);
    assert.ok(ms < 5000, `answered in ${ms} ms`);
    assert.match(response.text, /<html/i, 'the usual error page');
    assert.equal(sqlValue(s.world.dataDir, 'SELECT count(*) FROM attachments'), rows);
  });

  test('a hero image upload answers 500 at once and changes nothing', async () => {
    const before = sqlValue(s.world.dataDir, `SELECT revision FROM articles WHERE id = ${articleId}`);
    const page = await editor.request(`/admin/artykuly/${articleId}`);
    const revision = /name="revision" value="([^"]*)"/.exec(page.text)[1];
    const { response, ms } = await withBrokenMediaStore(() => timed(postMultipart(editor, `/admin/artykuly/${articleId}`, [
      ['revision', revision], ['title', 'Artykuł z załącznikiem'], ['slug', 'artykul-z-zalacznikiem'], ['lead', 'Krótko.'],
      ['body', 'Treść.'], ['hero', { filename: 'a.png', type: 'image/png', data: png(64, 48, 2) }], ['hero_alt', 'Obraz'],
      ['action', 'save']])));
    assert.equal(response.status, 500);
    assert.ok(ms < 5000, `answered in ${ms} ms`);
    assert.equal(sqlValue(s.world.dataDir, `SELECT revision FROM articles WHERE id = ${articleId}`), before);
  });

  test('the server still serves, and SIGTERM stops it well within the grace period', async () => {
    assert.equal((await editor.request('/admin')).status, 200);
    const started = Date.now();
    await s.rynek.stop('SIGTERM');
    assert.ok(Date.now() - started < 5000, `stopped in ${Date.now() - started} ms`);
  });
});
