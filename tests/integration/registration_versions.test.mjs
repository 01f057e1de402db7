// A registration stores the versions of the information clause and the consents
// the person read. Editors can change those texts while someone is filling in the
// form, so the form carries the versions it showed; a submission whose versions
// are no longer current (or missing, as from an old page or a bot) stores
// nothing, sends nothing and shows the form again with the new texts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from './admin_helpers.mjs';
import { Visitor, person, registrations, scene, versionsOf } from './seminars_helpers.mjs';

const slug = 'seminarium-wersje';
const form = `/seminaria/${slug}/rejestracja`;
const consents = [{ key: 'newsletter', text: 'Chcę dostawać wiadomości.', version: 'v1' }];
const notice = 'Klauzula informacyjna lub jedna ze zgód zmieniła się w czasie wypełniania formularza. '
  + 'Prosimy przeczytać ją ponownie i wysłać formularz.';
let world;
let rynek;
before(async () => {
  world = await scene({ [slug]: { title: 'Seminarium: zmienione teksty', consents } });
  rynek = await world.rynek();
});
after(async () => { await world.cleanup(); });

// As an editor's save does: the texts change and so does updated_at.
function edit(statement) {
  const result = spawnSync('sqlite3', [path.join(world.dataDir, 'rynek.sqlite3'),
    `PRAGMA busy_timeout = 5000; ${statement}`], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(result.status, 0, `sqlite3: ${result.stderr}`);
}

const settle = (ms = 500) => new Promise((resolve) => setTimeout(resolve, ms));

test('the clause changed after the form was loaded: 422 with the new text, nothing stored or sent', async () => {
  const visitor = new Visitor(rynek.port);
  const page = await visitor.open(form);
  assert.equal(page.status, 200);
  assert.deepEqual(versionsOf(page.text), { version_privacy: '2026-test', version_consent_newsletter: 'v1' });
  edit(`UPDATE seminars SET privacy_clause_version = '2026-nowa', privacy_clause_md = 'Nowa **klauzula**.',
        updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+1 second') WHERE slug = '${slug}';`);

  const p = person(1, 'wersje.test');
  const stale = await visitor.post(form, { ...p, consent_newsletter: 'yes' });
  assert.equal(stale.status, 422);
  assert.ok(stale.text.includes(notice), 'the notice in the visitor\'s language');
  assert.ok(stale.text.includes('Nowa <strong>klauzula</strong>.'), 'the new clause is shown');
  assert.ok(stale.text.includes(`value="${p.name}"`), 'the answers are kept');
  assert.match(stale.text, /name="consent_newsletter" value="yes" checked/, 'an unchanged consent keeps its tick');
  assert.deepEqual(versionsOf(stale.text), { version_privacy: '2026-nowa', version_consent_newsletter: 'v1' });
  assert.deepEqual(registrations(world.dataDir, slug), []);

  // Sent again from the page now shown: registered with the version it showed.
  const again = await visitor.post(form, { ...versionsOf(stale.text), ...p, consent_newsletter: 'yes' });
  assert.equal(again.status, 303);
  assert.deepEqual(sql(world.dataDir, `SELECT privacy_version FROM registrations r JOIN seminars s ON s.id = r.seminar_id
    WHERE s.slug = '${slug}' AND r.email = '${p.email}'`), [['2026-nowa']]);
  await world.sink.waitForMail(p.email, 'registration.confirmation');
  await settle();
  assert.equal(world.sink.to(p.email).length, 1, 'one e-mail: the refused submission sent none');
});

test('a consent changed: 422, its tick removed; the new version is what is stored', async () => {
  const visitor = new Visitor(rynek.port);
  await visitor.open(form);
  edit(`UPDATE consents SET version = 'v2', text = 'Chcę dostawać wiadomości i zaproszenia.'
          WHERE key = 'newsletter' AND seminar_id = (SELECT id FROM seminars WHERE slug = '${slug}');
        UPDATE seminars SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+2 seconds') WHERE slug = '${slug}';`);
  const p = person(2, 'wersje.test');
  const stale = await visitor.post(form, { ...p, consent_newsletter: 'yes' });
  assert.equal(stale.status, 422);
  assert.ok(stale.text.includes(notice));
  assert.ok(stale.text.includes('Chcę dostawać wiadomości i zaproszenia.'));
  assert.doesNotMatch(stale.text, /name="consent_newsletter" value="yes" checked/, 'a tick given to the old text is not kept');
  assert.equal(registrations(world.dataDir, slug).filter((r) => r.email === p.email).length, 0);

  const again = await visitor.post(form, { ...versionsOf(stale.text), ...p, consent_newsletter: 'yes' });
  assert.equal(again.status, 303);
  assert.deepEqual(sql(world.dataDir, `SELECT c.version FROM registration_consents c JOIN registrations r ON r.id = c.registration_id
    WHERE r.email = '${p.email}'`), [['v2']]);
});

test('no versions at all (an old page, a script): the form again; the honeypot still pretends success', async () => {
  const visitor = new Visitor(rynek.port);
  await visitor.open(form);
  const p = person(3, 'wersje.test');
  const bare = await visitor.post(form, p, { versions: false });
  assert.equal(bare.status, 422);
  assert.ok(bare.text.includes(notice));
  const bot = await visitor.post(form, { ...person(4, 'wersje.test'), website: 'http://spam.example' }, { versions: false });
  assert.equal(bot.status, 303);
  assert.equal(bot.headers.location, `${form}/wyslano`);
  // A repeated version is not a version the page showed either.
  const body = `${new URLSearchParams({ csrf: visitor.csrf, ...visitor.versions(form), ...p })}&version_privacy=x`;
  const doubled = await visitor.request(form, { method: 'POST', body });
  assert.equal(doubled.status, 422);
  const emails = registrations(world.dataDir, slug).map((r) => r.email);
  assert.ok(!emails.includes(p.email) && !emails.includes(person(4, 'wersje.test').email), emails.join(' '));
  assert.deepEqual(world.serverErrors(), []);
});
