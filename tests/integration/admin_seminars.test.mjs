// Seminars from the back office, through the built binary: an editor creates a
// draft with an agenda, custom registration fields and consents (not public,
// but the preview works), publishes it (the public page shows the agenda, the
// registration form asks the custom questions), a visitor registers and the
// answers are stored; a changed consent text gets a new version by itself;
// capacity; materials (a real PDF, a script named .pdf refused and stored
// nowhere, removal); unpublishing. Hostile input — impossible dates, a
// javascript: broadcast, duplicate field keys, a select without options,
// missing CSRF, the wrong role, no session, an oversized body, other objects'
// ids, an unknown action — is refused with the right status and changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminScene, pdf, png, postEdit, postMultipart, revisionOf, sql, sqlValue } from './admin_helpers.mjs';
import { DAY, Visitor } from './seminars_helpers.mjs';

let s;
let editor;
let seminarId;
const SLUG = 'forum-z-panelu';

// "YYYY-MM-DD HH:MM" in Warsaw, `ms` from now, on a whole hour.
function warsaw(ms) {
  const t = new Date(Math.floor((Date.now() + ms) / 3600_000) * 3600_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t).replace(',', '');
}
const STARTS = warsaw(5 * DAY);
const ENDS = warsaw(5 * DAY + 4 * 3600_000);
const HHMM = (hours) => warsaw(5 * DAY + hours * 3600_000).slice(11);

// The whole form as a browser sends it; `change` overrides or adds parts.
function seminarForm(change = {}) {
  const values = {
    title: 'Forum z panelu', slug: SLUG, lead: 'Seminarium założone w panelu.',
    description: 'Opis z **pogrubieniem**.', published_at: '', hero_alt: '',
    starts: STARTS, ends: ENDS, format: 'hybrid', venue: 'Ratusz, Rynek 1, Poznań',
    broadcast_url: 'https://www.youtube.com/watch?v=Rynek2026ab', broadcast_visibility: 'participants',
    recording_url: '', capacity: '', registration_opens: '', registration_closes: '', confirm_within_hours: '',
    contact_email: 'seminaria@rynek.test', privacy_text: 'Klauzula **informacyjna**.', privacy_version: '',
    agenda_0_starts: HHMM(0), agenda_0_ends: HHMM(1), agenda_0_title: 'Powitanie gości', agenda_0_description: '',
    agenda_0_speakers: 'Anna Prowadząca; Urząd Miasta; Łomża',
    agenda_1_starts: HHMM(1), agenda_1_ends: '', agenda_1_title: 'Panel miast', agenda_1_description: 'Rozmowa.',
    agenda_1_speakers: 'Jan Rozmówca\nEwa Gość; ; Chełm',
    agenda_2_starts: '', agenda_2_ends: '', agenda_2_title: '', agenda_2_description: '', agenda_2_speakers: '',
    fields_0_label: 'Instytucja', fields_0_key: '', fields_0_type: 'text', fields_0_help: 'Pełna nazwa', fields_0_required: 'yes',
    fields_0_options: '',
    fields_1_label: 'Rola', fields_1_key: 'rola', fields_1_type: 'select', fields_1_help: '', fields_1_options: 'Urzędnik\r\nRadny\r\nMieszkaniec',
    fields_2_label: '', fields_2_key: '', fields_2_type: 'text', fields_2_help: '', fields_2_options: '',
    consents_0_text: 'Chcę dostawać informacje o kolejnych seminariach.', consents_0_key: 'newsletter', consents_0_version: '1',
    consents_1_text: '', consents_1_key: '', consents_1_version: '',
    action: 'save',
    ...change,
  };
  return Object.entries(values).filter(([, v]) => v !== undefined);
}

const editUrl = () => `/admin/seminaria/${seminarId}/edycja`;
const publicPage = (slug = SLUG) => new Visitor(s.rynek.port).request(`/seminaria/${slug}`);
const WATCHED = ['SELECT * FROM seminars', 'SELECT * FROM agenda_items', 'SELECT * FROM agenda_speakers',
  'SELECT * FROM form_fields', 'SELECT * FROM consents', 'SELECT * FROM seminar_materials', 'SELECT * FROM media',
  'SELECT * FROM audit_log', 'SELECT * FROM registrations'];
const snapshot = () => WATCHED.map((q) => JSON.stringify(sql(s.world.dataDir, `${q} ORDER BY 1`))).join('\n');

before(async () => {
  s = await adminScene({ 'inne-seminarium': { title: 'Inne seminarium' } }, {
    editor: ['redaktor@rynek.test', 'editor'], editor2: ['redaktorka@rynek.test', 'editor'],
    organiser: ['organizator@rynek.test', 'organiser'],
  });
  editor = await s.login('editor');
});
after(async () => { await s?.world.cleanup(); });

describe('creating and publishing', () => {
  test('a draft with agenda, fields and consents is not public, but its preview works', async () => {
    const created = await postMultipart(editor, '/admin/seminaria/nowy', seminarForm());
    assert.equal(created.status, 303, created.text.slice(0, 3000));
    const match = /^\/admin\/seminaria\/(\d+)\/edycja\?zapisano=1$/.exec(created.headers.location);
    assert.ok(match, created.headers.location);
    seminarId = Number(match[1]);
    assert.equal(sqlValue(s.world.dataDir, `SELECT status FROM seminars WHERE id = ${seminarId}`), 'draft');
    assert.deepEqual(sql(s.world.dataDir, `SELECT key, type, required FROM form_fields WHERE seminar_id = ${seminarId} ORDER BY position`),
      [['instytucja', 'text', '1'], ['rola', 'select', '0']]);
    assert.deepEqual(sql(s.world.dataDir, `SELECT key, version FROM consents WHERE seminar_id = ${seminarId}`), [['newsletter', '1']]);
    assert.equal(sqlValue(s.world.dataDir, `SELECT count(*) FROM agenda_items WHERE seminar_id = ${seminarId}`), '2');
    assert.equal(sqlValue(s.world.dataDir, `SELECT count(*) FROM audit_log WHERE action = 'seminar.create' AND object_id = ${seminarId}`), '1');

    const page = await editor.request(created.headers.location);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes('Seminarium zostało zapisane.'), 'the notice');
    assert.ok(page.text.includes('value="Panel miast"'));
    assert.ok(page.text.includes('value="instytucja"'), 'the derived key is shown');
    assert.match(page.text, /<legend>[^<]*<\/legend>/);

    assert.equal((await publicPage()).status, 404, 'a draft is not public');
    const preview = await editor.request(`/admin/seminaria/${seminarId}/podglad`);
    assert.equal(preview.status, 200);
    assert.ok(preview.text.includes('Panel miast') && preview.text.includes('Anna Prowadząca'));
    assert.ok(preview.text.includes('<strong>pogrubieniem</strong>'));
  });

  test('published, the public page shows the agenda and the form asks the custom questions', async () => {
    const published = await postEdit(editor, editUrl(), seminarForm({ action: 'publish' }));
    assert.equal(published.status, 303);
    // *Opublikuj* says published, not saved, as a success notice (issue 8, B12).
    assert.match(published.headers.location, /\/edycja\?zapisano=opublikowano$/);
    const notice = await editor.request(published.headers.location);
    assert.match(notice.text, /<div class="notice notice-success" role="status"><p>Seminarium zostało opublikowane\.<\/p><\/div>/);
    const page = await publicPage();
    assert.equal(page.status, 200);
    assert.ok(page.text.includes('Panel miast') && page.text.includes('Ewa Gość'));
    const visitor = new Visitor(s.rynek.port);
    const form = await visitor.open(`/seminaria/${SLUG}/rejestracja`);
    assert.equal(form.status, 200);
    for (const text of ['Instytucja', 'Pełna nazwa', 'Mieszkaniec', 'name="consent_newsletter"', 'Klauzula <strong>informacyjna</strong>']) {
      assert.ok(form.text.includes(text), text);
    }
    const registered = await visitor.register(SLUG, { name: 'Ola Panelowa', email: 'ola@uczestnik.test',
      f_instytucja: 'Urząd Miasta Gniezna', f_rola: 'Radny', consent_newsletter: 'yes' });
    assert.equal(registered.status, 303);
    const [[answers, privacy]] = sql(s.world.dataDir, `SELECT answers, privacy_version FROM registrations WHERE seminar_id = ${seminarId}`);
    assert.deepEqual(JSON.parse(answers), { instytucja: 'Urząd Miasta Gniezna', rola: 'Radny' });
    assert.equal(privacy, '1');
    assert.deepEqual(sql(s.world.dataDir, 'SELECT consent_key, version FROM registration_consents'), [['newsletter', '1']]);
  });

  test('a changed consent text (and clause) with the same version gets a new version', async () => {
    const edited = await postEdit(editor, editUrl(), seminarForm({
      consents_0_text: 'Chcę dostawać newsletter stowarzyszenia.', privacy_text: 'Nowa klauzula.', privacy_version: '1' }));
    assert.equal(edited.status, 303);
    assert.match(edited.headers.location, /zapisano=wersje$/);
    assert.equal(sqlValue(s.world.dataDir, `SELECT version FROM consents WHERE seminar_id = ${seminarId}`), '2');
    assert.equal(sqlValue(s.world.dataDir, `SELECT privacy_clause_version FROM seminars WHERE id = ${seminarId}`), '2');
    const page = await editor.request(edited.headers.location);
    assert.ok(page.text.includes('nowe wersje'), 'the notice says so');
    assert.deepEqual(sql(s.world.dataDir, 'SELECT consent_key, version FROM registration_consents'), [['newsletter', '1']],
      'the registrant keeps the version they saw');
    assert.ok(page.text.includes('Ktoś już się zapisał') || page.text.includes('zapisali się'), 'the warning about registrations');
  });

  test('capacity: one place taken by the registrant makes the seminar full', async () => {
    const edited = await postEdit(editor, editUrl(), seminarForm({
      consents_0_text: 'Chcę dostawać newsletter stowarzyszenia.', consents_0_version: '2', privacy_text: 'Nowa klauzula.',
      privacy_version: '2', capacity: '1' }));
    assert.equal(edited.status, 303);
    assert.match(edited.headers.location, /zapisano=1$/, 'nothing re-versioned when only the capacity changed');
    assert.equal(sqlValue(s.world.dataDir, `SELECT capacity FROM seminars WHERE id = ${seminarId}`), '1');
    assert.ok((await publicPage()).text.includes('Wszystkie miejsca są zajęte.'));
  });

  test('the form sent back as shown changes nothing, and its first submit button saves', async () => {
    const CURRENT = { consents_0_text: 'Chcę dostawać newsletter stowarzyszenia.', consents_0_version: '2',
      privacy_text: 'Nowa klauzula.', privacy_version: '2', capacity: '1' };
    const page = await editor.request(editUrl());
    const form = page.text.slice(page.text.indexOf('class="form seminar-form"'));
    // Enter in a text input presses the form's first submit button: it must save, not ask for more rows.
    assert.equal(/<button[^>]*type="submit"[^>]*value="([a-z_]+)"/.exec(form)[1], 'save');
    // The publication time is shown to the minute; the stored one has seconds.
    const shown = /id="published_at" name="published_at" value="([^"]*)"/.exec(form)[1];
    assert.match(shown, /^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    const before = snapshot();
    const saved = await postEdit(editor, editUrl(), seminarForm({ ...CURRENT, published_at: shown }));
    assert.equal(saved.status, 303);
    assert.equal(snapshot(), before, 'nothing changed, so nothing stored and nothing audited');
  });

  test('"more rows" and the Markdown preview re-render the form and store nothing', async () => {
    const before = snapshot();
    const more = await postEdit(editor, editUrl(), seminarForm({ action: 'more_rows', title: 'Niezapisany tytuł' }));
    assert.equal(more.status, 200);
    assert.ok(more.text.includes('id="agenda_6_title"'), 'three more blank rows');
    assert.ok(more.text.includes('value="Niezapisany tytuł"'), 'the values are kept');
    const preview = await postEdit(editor, editUrl(), seminarForm({ action: 'preview', description: 'Nowy *opis*.' }));
    assert.equal(preview.status, 200);
    assert.ok(preview.text.includes('<em>opis</em>'), 'the unsaved Markdown rendered');
    assert.equal(snapshot(), before);
  });
});

describe('materials', () => {
  test('a real PDF is added and shown; a script named .pdf is refused and stored nowhere; removal', async () => {
    const added = await postMultipart(editor, `/admin/seminaria/${seminarId}/materialy`, [
      ['title', 'Program forum'], ['audience', 'public'], ['file', { filename: 'program.pdf', type: 'application/pdf', data: pdf('program') }]]);
    assert.equal(added.status, 303);
    assert.ok((await publicPage()).text.includes('Program forum'));
    const materialId = Number(sqlValue(s.world.dataDir, `SELECT max(id) FROM seminar_materials WHERE seminar_id = ${seminarId}`));

    const before = snapshot();
    const script = await postMultipart(editor, `/admin/seminaria/${seminarId}/materialy`, [
      ['title', 'Skrypt'], ['audience', 'public'], ['file', { filename: 'program.pdf', type: 'application/pdf', data: Buffer.from('#!/bin/sh\nrm -rf /\n') }]]);
    assert.equal(script.status, 422);
    assert.ok(script.text.includes('Ten rodzaj pliku nie jest przyjmowany.'));
    assert.match(script.text, /id="material_file"[^>]*aria-invalid="true"/);
    assert.equal(snapshot(), before);

    const otherId = s.seminarId('inne-seminarium');
    const swapped = await editor.post(`/admin/seminaria/${otherId}/materialy/${materialId}/usun`, {});
    assert.equal(swapped.status, 404, "another seminar's URL does not reach this material");
    assert.equal(snapshot(), before);
    const removed = await editor.post(`/admin/seminaria/${seminarId}/materialy/${materialId}/usun`, {});
    assert.equal(removed.status, 303);
    assert.equal(sqlValue(s.world.dataDir, `SELECT count(*) FROM seminar_materials WHERE id = ${materialId}`), '0');
    assert.ok(!(await publicPage()).text.includes('Program forum'));
  });
});

describe('hostile input changes nothing', () => {
  const cases = [
    ['end before start', { ends: warsaw(4 * DAY) }, 'ends'],
    ['a garbage start', { starts: 'jutro rano' }, 'starts'],
    ['a javascript: broadcast', { broadcast_url: 'javascript:alert(1)' }, 'broadcast_url'],
    // Issue 8, D26: the prefix check let both through; the second injected a CSP directive.
    ['a plain-http host that starts like localhost', { broadcast_url: 'http://localhost.evil.example/live.m3u8' }, 'broadcast_url'],
    ['a semicolon in the broadcast host', { broadcast_url: 'https://evil.example;sandbox/live.m3u8' }, 'broadcast_url'],
    ['a user name in the recording address', { recording_url: 'https://user@evil.example/r.mp4' }, 'recording_url'],
    ['duplicate field keys', { fields_2_label: 'Rola druga', fields_2_key: 'rola' }, 'fields_2_key'],
    ['a select without options', { fields_1_options: '' }, 'fields_1_options'],
    ['a field keyed "email"', { fields_0_key: 'email' }, 'fields_0_key'],
    ['an agenda item outside the seminar', { agenda_1_starts: warsaw(9 * DAY) }, 'agenda_1_starts'],
    ['capacity zero', { capacity: '0' }, 'capacity'],
    ['onsite without venue', { format: 'onsite', venue: '' }, 'venue'],
  ];
  for (const [name, change, id] of cases) {
    test(name, async () => {
      const before = snapshot();
      const response = await postEdit(editor, editUrl(), seminarForm({ ...change, title: 'Zmieniony tytuł' }));
      assert.equal(response.status, 422);
      assert.match(response.text, new RegExp(`id="${id}"[^>]*aria-invalid="true"|id="${id}"[^>]*aria-describedby="[^"]*${id}-error`));
      assert.ok(response.text.includes(`href="#${id}"`), 'the summary links to the input');
      assert.ok(response.text.includes('value="Zmieniony tytuł"'), 'the values are kept');
      assert.equal(snapshot(), before);
    });
  }

  test('a slug another seminar has is 409', async () => {
    const before = snapshot();
    const response = await postMultipart(editor, '/admin/seminaria/nowy', seminarForm({ slug: 'inne-seminarium' }));
    assert.equal(response.status, 409);
    assert.match(response.text, /id="slug"[^>]*aria-invalid="true"/);
    assert.equal(snapshot(), before);
  });

  test('missing CSRF, wrong role, anonymous, oversized, unknown action, other ids', async () => {
    const before = snapshot();
    assert.equal((await postEdit(editor, editUrl(), seminarForm(), { csrf: false })).status, 403);
    const organiser = await s.login('organiser');
    assert.equal((await organiser.request(editUrl())).status, 403);
    assert.equal((await postEdit(organiser, editUrl(), seminarForm())).status, 403);
    const anonymous = await new Visitor(s.rynek.port).request('/admin/seminaria/nowy');
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.location, `/admin/logowanie?next=${encodeURIComponent('/admin/seminaria/nowy')}`);
    const big = await postEdit(editor, editUrl(), seminarForm({ description: 'x'.repeat(12 * 1024 * 1024) }));
    assert.equal(big.status, 413);
    assert.equal((await postEdit(editor, editUrl(), seminarForm({ action: 'destroy' }))).status, 400);
    for (const urlPath of ['/admin/seminaria/999999/edycja', '/admin/seminaria/999999/podglad', '/admin/seminaria/abc/edycja']) {
      assert.equal((await editor.request(urlPath)).status, 404, urlPath);
    }
    assert.equal((await postMultipart(editor, '/admin/seminaria/999999/edycja', seminarForm())).status, 404);
    assert.equal(snapshot(), before);
  });
});

describe('taking it down', () => {
  test('unpublished, the seminar is gone for the public; the editor still previews it', async () => {
    const response = await postEdit(editor, editUrl(), seminarForm({
      consents_0_text: 'Chcę dostawać newsletter stowarzyszenia.', consents_0_version: '2', privacy_text: 'Nowa klauzula.',
      privacy_version: '2', capacity: '1', action: 'unpublish' }));
    assert.equal(response.status, 303);
    assert.equal(sqlValue(s.world.dataDir, `SELECT status FROM seminars WHERE id = ${seminarId}`), 'unpublished');
    assert.equal((await publicPage()).status, 404);
    assert.equal((await new Visitor(s.rynek.port).request(`/seminaria/${SLUG}/rejestracja`)).status, 404);
    assert.equal((await editor.request(`/admin/seminaria/${seminarId}/podglad`)).status, 200);
    const list = await editor.request('/admin/seminaria');
    assert.ok(list.text.includes(`/admin/seminaria/${seminarId}/edycja`) && list.text.includes('Wycofany'));
  });
});

describe('review findings', () => {
  const CURRENT = { consents_0_text: 'Chcę dostawać newsletter stowarzyszenia.', consents_0_version: '2',
    privacy_text: 'Nowa klauzula.', privacy_version: '2', capacity: '1' };

  test('a stale tab never stores a changed text under a version people already agreed to', async () => {
    // Stored: v2 of both texts; the registrant agreed to v1. Tab A still shows v1.
    const stale = await postEdit(editor, editUrl(), seminarForm({ ...CURRENT,
      consents_0_text: 'Tekst z nieaktualnej karty.', consents_0_version: '1',
      privacy_text: 'Klauzula z nieaktualnej karty.', privacy_version: '1' }));
    assert.equal(stale.status, 303);
    assert.match(stale.headers.location, /zapisano=wersje$/);
    assert.equal(sqlValue(s.world.dataDir, `SELECT version FROM consents WHERE seminar_id = ${seminarId}`), '3');
    assert.equal(sqlValue(s.world.dataDir, `SELECT privacy_clause_version FROM seminars WHERE id = ${seminarId}`), '3');
  });

  test('two editors: the second save over a newer one is refused with 409 and the editor keeps their values', async () => {
    const now = { ...CURRENT, consents_0_text: 'Tekst z nieaktualnej karty.', consents_0_version: '3',
      privacy_text: 'Klauzula z nieaktualnej karty.', privacy_version: '3' };
    const editor2 = await s.login('editor2');
    const tabA = revisionOf((await editor.request(editUrl())).text);
    const tabB = revisionOf((await editor2.request(editUrl())).text);
    assert.match(tabA, /^\d+$/, 'the form carries the revision');
    assert.equal(tabB, tabA, 'no waiting for the clock: two saves in one second are told apart');
    const saved = await postMultipart(editor2, editUrl(), seminarForm({ ...now, revision: tabB,
      agenda_2_starts: HHMM(2), agenda_2_title: 'Punkt redaktora B' }));
    assert.equal(saved.status, 303);
    const stored = sqlValue(s.world.dataDir, `SELECT revision FROM seminars WHERE id = ${seminarId}`);
    assert.equal(Number(stored), Number(tabA) + 1);
    const before = snapshot();
    const lost = await postMultipart(editor, editUrl(), seminarForm({ ...now, revision: tabA, title: 'Forum z panelu (literówka)' }));
    assert.equal(lost.status, 409);
    assert.ok(lost.text.includes('Ktoś inny zapisał'), 'the message, in Polish');
    assert.ok(lost.text.includes(`href="/admin/seminaria/${seminarId}/podglad"`), 'a link to the saved seminar');
    assert.ok(lost.text.includes('value="Forum z panelu (literówka)"'), "the editor's values are kept");
    assert.equal(revisionOf(lost.text), stored, 'the form now carries the stored revision');
    assert.equal(snapshot(), before, 'nothing stored');
    assert.equal(sqlValue(s.world.dataDir, `SELECT count(*) FROM agenda_items WHERE seminar_id = ${seminarId} AND title = 'Punkt redaktora B'`), '1');
    // Saving the re-rendered form again is deliberate.
    const again = await postMultipart(editor, editUrl(), seminarForm({ ...now, revision: revisionOf(lost.text), title: 'Forum z panelu' }));
    assert.equal(again.status, 303);
  });

  test('a form without a revision, or with one that is not a number, is 409 and writes nothing', async () => {
    const now = { ...CURRENT, consents_0_text: 'Tekst z nieaktualnej karty.', consents_0_version: '3',
      privacy_text: 'Klauzula z nieaktualnej karty.', privacy_version: '3', title: 'Forum bez rewizji' };
    const before = snapshot();
    const missing = await postMultipart(editor, editUrl(), seminarForm(now));
    assert.equal(missing.status, 409);
    assert.ok(missing.text.includes('Formularz nie wskazał'), 'says why');
    assert.ok(missing.text.includes('value="Forum bez rewizji"'));
    for (const revision of ['abc', '-1', '99999999999999999999999']) {
      const response = await postMultipart(editor, editUrl(), seminarForm({ ...now, revision }));
      assert.equal(response.status, 409, revision);
    }
    assert.equal(snapshot(), before);
  });

  test('an item ending "HH:MM" on the second day of a seminar ends on that day', async () => {
    const twoDays = { ...CURRENT, consents_0_text: 'Tekst z nieaktualnej karty.', consents_0_version: '3',
      privacy_text: 'Klauzula z nieaktualnej karty.', privacy_version: '3', ends: warsaw(6 * DAY + 4 * 3600_000) };
    const day2 = warsaw(6 * DAY);
    const saved = await postEdit(editor, editUrl(), seminarForm({ ...twoDays,
      agenda_2_starts: day2, agenda_2_ends: HHMM(1), agenda_2_title: 'Drugi dzień' }));
    assert.equal(saved.status, 303, saved.text.slice(0, 2000));
  });

  test('a spring-gap time, too many speakers or options: clear errors, nothing stored', async () => {
    const before = snapshot();
    const gap = await postEdit(editor, editUrl(), seminarForm({ registration_opens: '2026-03-29 02:30' }));
    assert.equal(gap.status, 422);
    assert.match(gap.text, /id="registration_opens"[^>]*aria-invalid="true"/);
    assert.ok(gap.text.includes('nie istnieje'));
    const speakers = Array.from({ length: 51 }, (_, i) => `Osoba ${i}`).join('\n');
    const options = Array.from({ length: 201 }, (_, i) => `Opcja ${i}`).join('\n');
    const many = await postEdit(editor, editUrl(), seminarForm({ agenda_0_speakers: speakers, fields_1_options: options }));
    assert.equal(many.status, 422);
    assert.match(many.text, /id="agenda_0_speakers"[^>]*aria-invalid="true"/);
    assert.match(many.text, /id="fields_1_options"[^>]*aria-invalid="true"/);
    const long = await postEdit(editor, editUrl(), seminarForm({ action: 'preview', description: 'x'.repeat(200_001) }));
    assert.equal(long.status, 422);
    assert.match(long.text, /id="description"[^>]*aria-invalid="true"/);
    assert.ok(!long.text.includes(`<p>${'x'.repeat(1000)}`), 'not rendered');
    const rows = Object.fromEntries(Array.from({ length: 151 }, (_, i) => [`consents_${i}_text`, `Zgoda ${i}`]));
    const overflow = await postEdit(editor, editUrl(), seminarForm(rows));
    assert.equal(overflow.status, 422);
    assert.ok(overflow.text.includes('href="#consents"'));
    assert.equal(snapshot(), before);
  });

  test('a chosen image dropped by a 422 or "More rows" is announced and its description kept', async () => {
    const before = snapshot();
    const hero = ['hero', { filename: 'rynek.png', type: 'image/png', data: png(120, 80, 7) }];
    for (const change of [{ title: '' }, { action: 'more_rows' }]) {
      const response = await postMultipart(editor, '/admin/seminaria/nowy',
        [...seminarForm({ slug: 'z-obrazem', hero_alt: 'Rynek w słońcu', ...change }), hero]);
      assert.ok(response.text.includes('Wybrany obraz nie został zachowany'), JSON.stringify(change));
      assert.ok(response.text.includes('value="Rynek w słońcu"'));
    }
    assert.equal(snapshot(), before);
  });
});

describe('deleting a draft', () => {
  const DRAFT = 'szkic-seminarium';
  const draftForm = (change = {}) => seminarForm({ title: 'Szkic seminarium', slug: DRAFT, ...change });
  const create = async () => {
    const created = await postMultipart(editor, '/admin/seminaria/nowy', draftForm());
    assert.equal(created.status, 303, created.text?.slice(0, 2000));
    return Number(/\/admin\/seminaria\/(\d+)\//.exec(created.headers.location)[1]);
  };
  const revision = (id) => sqlValue(s.world.dataDir, `SELECT revision FROM seminars WHERE id = ${id}`);
  const rows = (id) => ['agenda_items', 'form_fields', 'consents', 'seminar_materials']
    .map((table) => Number(sqlValue(s.world.dataDir, `SELECT count(*) FROM ${table} WHERE seminar_id = ${id}`)));

  test('a draft with a material: confirmed, deleted with its rows, gone from the list, its address free', async () => {
    const id = await create();
    assert.ok((await editor.request(`/admin/seminaria/${id}/edycja`)).text.includes(`href="/admin/seminaria/${id}/usun"`),
      'the edit page of a draft links the deletion');
    const added = await postMultipart(editor, `/admin/seminaria/${id}/materialy`, [['title', 'Program szkicu'],
      ['audience', 'public'], ['file', { filename: 'program.pdf', type: 'application/pdf', data: pdf('szkic-seminarium') }]]);
    assert.equal(added.status, 303);
    assert.deepEqual(rows(id), [2, 2, 1, 1], 'agenda, fields, consents, material');
    const list = await editor.request('/admin/seminaria');
    assert.ok(list.text.includes(`href="/admin/seminaria/${id}/usun"`), 'the row of a draft links the deletion');

    const page = await editor.request(`/admin/seminaria/${id}/usun`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes('Usunąć szkic „Szkic seminarium”? Tego nie można cofnąć.'));
    assert.ok(page.text.includes(`<form method="post" action="/admin/seminaria/${id}/usun">`));
    assert.equal(revisionOf(page.text), revision(id));
    assert.ok(page.text.includes(`href="/admin/seminaria/${id}/edycja"`), 'cancel leads back to the edit page');

    const media = sqlValue(s.world.dataDir, 'SELECT count(*) FROM media');
    const deleted = await editor.post(`/admin/seminaria/${id}/usun`, { revision: revisionOf(page.text) });
    assert.equal(deleted.status, 303);
    assert.equal(deleted.headers.location, '/admin/seminaria?usunieto=1');
    assert.equal(sqlValue(s.world.dataDir, `SELECT count(*) FROM seminars WHERE id = ${id}`), '0');
    assert.deepEqual(rows(id), [0, 0, 0, 0], 'its agenda, fields, consents and materials are gone');
    assert.equal(sqlValue(s.world.dataDir, `SELECT count(*) FROM agenda_speakers WHERE agenda_item_id NOT IN (SELECT id FROM agenda_items)`), '0');
    assert.equal(sqlValue(s.world.dataDir, 'SELECT count(*) FROM media'), media, 'media rows stay');
    const after = await editor.request(deleted.headers.location);
    assert.ok(after.text.includes('Szkic został usunięty.'));
    assert.ok(!after.text.includes('Szkic seminarium'));
    assert.equal((await editor.request(`/admin/seminaria/${id}/edycja`)).status, 404);
    const [[account, summary, details]] = sql(s.world.dataDir,
      `SELECT c.email, a.summary, a.details FROM audit_log a JOIN accounts c ON c.id = a.account_id WHERE a.action = 'seminar.delete' AND a.object_type = 'seminar' AND a.object_id = ${id}`);
    assert.equal(account, 'redaktor@rynek.test');
    assert.equal(summary, 'Szkic seminarium');
    assert.deepEqual(JSON.parse(details), { title: 'Szkic seminarium', slug: DRAFT });
    const again = await create();
    assert.equal(sqlValue(s.world.dataDir, `SELECT slug FROM seminars WHERE id = ${again}`), DRAFT, 'the address is free again');
  });

  test('a published or unpublished seminar cannot be deleted: 409, and nothing changes', async () => {
    for (const id of [s.seminarId('inne-seminarium'), seminarId]) {
      const list = await editor.request('/admin/seminaria');
      assert.ok(!list.text.includes(`/admin/seminaria/${id}/usun`), 'no deletion link');
      const before = snapshot();
      const page = await editor.request(`/admin/seminaria/${id}/usun`);
      assert.equal(page.status, 409);
      assert.ok(page.text.includes('Usunąć można tylko szkic'));
      assert.ok(!page.text.includes('name="revision"'), 'no form');
      const response = await editor.post(`/admin/seminaria/${id}/usun`, { revision: revision(id) });
      assert.equal(response.status, 409);
      assert.ok(response.text.includes('Usunąć można tylko szkic'));
      assert.equal(snapshot(), before, 'nothing changed');
    }
  });

  test('missing CSRF 403, stale or missing revision 409, organiser 403, anonymous to login, unknown ids 404', async () => {
    const id = Number(sqlValue(s.world.dataDir, `SELECT id FROM seminars WHERE slug = '${DRAFT}'`));
    const url = `/admin/seminaria/${id}/usun`;
    const opened = revisionOf((await editor.request(url)).text);
    const saved = await postEdit(editor, `/admin/seminaria/${id}/edycja`, draftForm({ title: 'Szkic seminarium, poprawiony' }));
    assert.equal(saved.status, 303);
    const organiser = await s.login('organiser');
    const before = snapshot();
    assert.equal((await editor.post(url, { revision: revision(id) }, { csrf: false })).status, 403, 'no CSRF token');
    const missing = await editor.post(url, {});
    assert.equal(missing.status, 409);
    assert.ok(missing.text.includes('Formularz nie wskazał'));
    const stale = await editor.post(url, { revision: opened });
    assert.equal(stale.status, 409);
    assert.ok(stale.text.includes('Ktoś zmienił ten szkic'));
    assert.equal(revisionOf(stale.text), revision(id));
    assert.equal((await organiser.request(url)).status, 403);
    assert.equal((await organiser.post(url, { revision: revision(id) })).status, 403);
    const anonymous = new Visitor(s.rynek.port);
    for (const response of [await anonymous.request(url), await anonymous.post(url, { revision: revision(id) }, { csrf: false })]) {
      assert.equal(response.status, 303);
      assert.equal(response.headers.location, `/admin/logowanie?next=${encodeURIComponent(url)}`);
    }
    for (const other of ['999999', 'x1']) {
      assert.equal((await editor.request(`/admin/seminaria/${other}/usun`)).status, 404, other);
      assert.equal((await editor.post(`/admin/seminaria/${other}/usun`, { revision: '1' })).status, 404, other);
    }
    assert.equal(snapshot(), before, 'none of it changed anything');
    const confirmed = await editor.post(url, { revision: revisionOf(stale.text) });
    assert.equal(confirmed.status, 303, 'confirming the re-drawn page deletes it');
  });
});
