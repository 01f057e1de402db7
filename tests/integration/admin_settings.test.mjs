// Site settings from the back office, through the built binary: an admin
// renames the organisation and gives its contact details, and at once (no
// waiting for a poller) the public home page — already in the page cache —
// shows the new name in its header, <title> and footer; a registration e-mail
// sent afterwards carries it in its brand line and signature. Every change is
// in the audit log as a diff. Editors and organisers get 403, anonymous
// visitors the login page; hostile input (over-long, control characters,
// invalid e-mail, a damaged body, a missing CSRF token) gets a clear message
// in the visitor's language and changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminScene, multipart, postEdit, postMultipart, revisionOf, sql, sqlValue } from './admin_helpers.mjs';
import { Visitor, person } from './seminars_helpers.mjs';

let s;
let admin;

const PATH = '/admin/ustawienia';
const NAME = 'Forum Rozwoju Lokalnego';
const FULL = 'Stowarzyszenie „Forum Rozwoju Lokalnego”';
const SETTINGS = [['organisation_name', NAME], ['organisation_full_name', FULL],
  ['postal_address', 'ul. Rynek 1\r\n00-001 Warszawa'], ['contact_email', 'Biuro@Forum.example.org'],
  ['privacy_clause_md', '**Administratorem** danych jest Stowarzyszenie.'], ['privacy_clause_version', '2026-1'],
  ['seminar_contact_email', 'seminaria@forum.example.org']];

// What must not change when a request is refused.
const state = () => JSON.stringify([sql(s.world.dataDir, 'SELECT * FROM site_settings'),
  sqlValue(s.world.dataDir, 'SELECT count(*) FROM audit_log'),
  sqlValue(s.world.dataDir, "SELECT value FROM meta WHERE key = 'content_version'")]);
const titleOf = (html) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
const brandOf = (html) => /<a class="brand" href="\/">.*?<\/span>\s*([^<]*)<\/a>/s.exec(html)?.[1].trim();
const withValues = (changes) => SETTINGS.map(([name, value]) => [name, name in changes ? changes[name] : value]);

before(async () => {
  s = await adminScene({ 'seminarium-a': { title: 'Seminarium A' } }, {
    admin: ['admin@rynek.test', 'admin'], admin2: ['admin2@rynek.test', 'admin'], editor: ['redaktor@rynek.test', 'editor'],
    organiser: ['organizator@rynek.test', 'organiser'],
  });
  admin = await s.login('admin');
});
after(async () => { await s?.world.cleanup(); });

describe('changing the settings', () => {
  test('the form shows the defaults', async () => {
    const page = await admin.request(PATH);
    assert.equal(page.status, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.text, /<h1>Ustawienia witryny<\/h1>/);
    assert.match(page.text, /name="organisation_name" value="Rynek"/);
    assert.match(page.text, /name="privacy_clause_version" value="1"/);
    assert.match(page.text, /<legend>Domyślne wartości nowych seminariów<\/legend>/);
  });

  test('a new name is on the cached home page at once, and in the audit log', async () => {
    const visitor = new Visitor(s.rynek.port);
    const cached = await visitor.request('/');
    assert.equal(cached.status, 200);
    assert.equal(brandOf(cached.text), 'Rynek');
    assert.match(titleOf(cached.text), / – Rynek$/);
    assert.equal((await visitor.request('/')).text, cached.text, 'the home page is served from the cache');

    const saved = await postEdit(admin, PATH, SETTINGS);
    assert.equal(saved.status, 303, saved.text.slice(0, 300));
    assert.equal(saved.headers.location, `${PATH}?zapisano=1`);

    const home = await visitor.request('/');  // no sleep: the write handed the new version to the cache
    assert.equal(brandOf(home.text), NAME);
    assert.match(titleOf(home.text), new RegExp(` – ${NAME}$`));
    assert.ok(!/<title>[^<]*Rynek<\/title>/.test(home.text));
    const footer = home.text.slice(home.text.indexOf('<footer'));
    assert.ok(footer.includes(`Stowarzyszenie „Forum Rozwoju Lokalnego”<br>ul. Rynek 1<br>00-001 Warszawa<br>` +
      '<a href="mailto:biuro@forum.example.org">biuro@forum.example.org</a>'), footer);
    assert.equal(brandOf((await visitor.request('/seminaria')).text), NAME);

    const row = sql(s.world.dataDir, "SELECT organisation_name, contact_email, privacy_clause_version, seminar_contact_email, replace(postal_address, char(10), '|') FROM site_settings")[0];
    assert.deepEqual(row, [NAME, 'biuro@forum.example.org', '2026-1', 'seminaria@forum.example.org', 'ul. Rynek 1|00-001 Warszawa']);
    const [action, type, details] = sql(s.world.dataDir,
      "SELECT action, object_type, details FROM audit_log WHERE action = 'settings.update' ORDER BY id DESC LIMIT 1")[0];
    assert.equal(action, 'settings.update');
    assert.equal(type, 'settings');
    const diff = JSON.parse(details);
    assert.deepEqual(diff.organisation_name, { from: 'Rynek', to: NAME });
    assert.deepEqual(diff.contact_email, { from: '', to: 'biuro@forum.example.org' });
    assert.equal(diff.privacy_clause_md, 'changed');

    const form = await admin.request(`${PATH}?zapisano=1`);
    assert.match(form.text, /Ustawienia zapisane\./);
    assert.equal(brandOf(form.text), NAME, 'the back office shows the new name too');
  });

  test('saving the same values writes nothing; a changed clause under the same version gets a new one', async () => {
    const before = state();
    const same = await postEdit(admin, PATH, SETTINGS);
    assert.equal(same.status, 303);
    assert.equal(state(), before, 'no audit entry, no new content version');
    const changed = await postEdit(admin, PATH, withValues({ privacy_clause_md: 'Nowa treść klauzuli.' }));
    assert.equal(changed.status, 303);
    assert.equal(changed.headers.location, `${PATH}?zapisano=wersja`);
    assert.equal(sqlValue(s.world.dataDir, 'SELECT privacy_clause_version FROM site_settings'), '2026-2');
    const page = await admin.request(changed.headers.location);
    assert.match(page.text, /ma nową wersję: 2026-2/);
    const back = await postEdit(admin, PATH, SETTINGS);  // the version given explicitly again
    assert.equal(back.status, 303);
  });

  test('a registration e-mail carries the organisation\'s name and signature', async () => {
    const who = person(1);
    const response = await new Visitor(s.rynek.port).register('seminarium-a', who);
    assert.equal(response.status, 303);
    const message = await s.world.sink.firstTo(who.email);
    assert.ok(message.html.includes(`margin:0 0 16px">${NAME}</p>`), 'the brand line names the organisation');
    assert.ok(!message.html.includes('>Rynek<'), 'no hard-coded brand');
    assert.ok(message.html.includes('Stowarzyszenie „Forum Rozwoju Lokalnego”'), 'the signature has the full name');
    assert.ok(message.html.includes('href="mailto:biuro@forum.example.org"'), 'and the contact address');
    assert.match(message.text, /^Stowarzyszenie „Forum Rozwoju Lokalnego” · biuro@forum\.example\.org$/m);
  });
});

describe('where the settings are used', () => {
  test('a password-reset e-mail carries the organisation\'s name, not "Rynek"', async () => {
    const asker = new Visitor(s.rynek.port);
    await asker.open('/admin/haslo');
    assert.equal((await asker.post('/admin/haslo', { email: 'redaktor@rynek.test' })).status, 303);
    const message = await s.world.sink.firstTo('redaktor@rynek.test');
    assert.equal(message.subject, 'Resetowanie hasła');
    assert.ok(message.html.includes(`margin:0 0 16px">${NAME}</p>`), 'the brand line names the organisation');
    assert.ok(message.html.includes(FULL), 'the signature has the full name');
    assert.ok(message.text.includes(FULL));
  });

  test('a new seminar starts with the default clause, version and contact address', async () => {
    const form = (await admin.request('/admin/seminaria/nowy')).text;
    assert.ok(form.includes('>**Administratorem** danych jest Stowarzyszenie.</textarea>'), 'the default clause');
    assert.match(form, /name="privacy_version"[^>]*value="2026-1"|value="2026-1"[^>]*name="privacy_version"/);
    assert.match(form, /name="contact_email"[^>]*value="seminaria@forum\.example\.org"|value="seminaria@forum\.example\.org"[^>]*name="contact_email"/);
  });

  test('the Atom feed is titled with the organisation\'s name', async () => {
    const feed = await new Visitor(s.rynek.port).request('/feed.atom');
    assert.match(feed.text, new RegExp(`<title>${NAME} – Aktualności</title>`));
  });
});

describe('who may change the settings', () => {
  test('editors and organisers get 403, anonymous visitors the login page; nothing changes', async () => {
    const before = state();
    for (const role of ['editor', 'organiser']) {
      const visitor = await s.login(role);
      assert.equal((await visitor.request(PATH)).status, 403, `GET as ${role}`);
      const posted = await postMultipart(visitor, PATH, withValues({ organisation_name: 'Przejęte' }));
      assert.equal(posted.status, 403, `POST as ${role}`);
      const dashboard = await visitor.request('/admin');
      assert.ok(!dashboard.text.includes(`href="${PATH}"`), `no settings link for ${role}`);
    }
    const anonymous = new Visitor(s.rynek.port);
    for (const method of ['GET', 'POST']) {
      const response = await anonymous.request(PATH, { method, ...(method === 'POST' ? { body: 'organisation_name=X' } : {}) });
      assert.equal(response.status, 303);
      assert.equal(response.headers.location, `/admin/logowanie?next=${encodeURIComponent(PATH)}`);
    }
    assert.equal(state(), before);
  });

  test('a POST without the CSRF token, or with a wrong one, is refused', async () => {
    const before = state();
    const noToken = await postEdit(admin, PATH, withValues({ organisation_name: 'Bez tokenu' }), { csrf: false });
    assert.equal(noToken.status, 403);
    const { headers, body } = multipart([['csrf', 'x'.repeat(43)], ...withValues({ organisation_name: 'Zły token' })]);
    assert.equal((await admin.request(PATH, { method: 'POST', headers, body })).status, 403);
    assert.equal(state(), before);
  });
});

describe('hostile input', () => {
  const cases = [
    ['an over-long name', { organisation_name: 'N'.repeat(101) }, 'organisation_name', /Nazwa może mieć najwyżej 100 znaków/],
    ['a control character in the name', { organisation_name: 'Forum\u0007' }, 'organisation_name', /znaki sterujące/],
    ['a right-to-left override in the full name', { organisation_full_name: 'Forum \u202ekenyR' }, 'organisation_full_name', /znaki sterujące/],
    ['an empty name', { organisation_name: '  ' }, 'organisation_name', /Prosimy podać nazwę organizacji\./],
    ['an invalid e-mail address', { contact_email: 'biuro@@forum' }, 'contact_email', /Prosimy podać poprawny adres e-mail/],
    ['a header injection in an e-mail address', { seminar_contact_email: 'a@b.pl\r\nBcc: x@y.pl' }, 'seminar_contact_email', /Prosimy podać poprawny adres e-mail/],
    ['an over-long clause', { privacy_clause_md: 'x'.repeat(20_001) }, 'privacy_clause_md', /najwyżej 20 000 znaków/],
    ['an over-long address', { postal_address: 'ul. '.repeat(130) }, 'postal_address', /najwyżej 500 znaków/],
  ];
  for (const [what, changes, field, message] of cases) {
    test(`${what}: 422, the message by the field and in the summary, values kept, nothing stored`, async () => {
      const before = state();
      const response = await postEdit(admin, PATH, withValues({ ...changes, organisation_full_name: changes.organisation_full_name ?? '<script>alert(1)</script>' }));
      assert.equal(response.status, 422);
      assert.match(response.text, /class="error-summary"/);
      assert.match(response.text, new RegExp(`<a href="#${field}">`));
      assert.match(response.text, new RegExp(`id="${field}-error"`));
      assert.match(response.text, new RegExp(`aria-describedby="${field}-help ${field}-error"`));
      assert.match(response.text, message);
      if (!changes.organisation_full_name) {
        assert.ok(response.text.includes('value="&lt;script&gt;alert(1)&lt;/script&gt;"'), 'typed values come back, escaped');
        assert.ok(!response.text.includes('<script>alert'), 'never as markup');
      }
      assert.equal(state(), before);
    });
  }

  test('in English for an English-speaking admin', async () => {
    admin.cookies.set('lang', 'en');
    try {
      const response = await postEdit(admin, PATH, withValues({ contact_email: 'nie-adres' }));
      assert.equal(response.status, 422);
      assert.match(response.text, /Enter a valid e-mail address, for example biuro@example\.org\./);
      assert.match(response.text, /The form has 1 error\./);
    } finally {
      admin.cookies.delete('lang');
    }
  });

  test('a damaged body: a clear message with the stored values, nothing stored', async () => {
    const before = state();
    // A multipart body cut short (no final boundary), and one whose text is not UTF-8.
    const { headers, body } = multipart([['csrf', admin.csrf], ...withValues({ organisation_name: 'Ucięte' })]);
    const cut = body.subarray(0, body.length - 40);
    // Refused at dispatch, where the CSRF token cannot be read from it (web/csrf.hpp).
    const truncated = await admin.request(PATH, { method: 'POST', headers, body: cut });
    assert.equal(truncated.status, 400);
    assert.match(truncated.text, /formularza nie udało się odczytać|Nie udało się odczytać/i);
    const latin2 = multipart([['csrf', admin.csrf], ...withValues({ organisation_name: 'x' })]);
    const bad = Buffer.from(latin2.body.toString('latin1').replace('name="organisation_name"\r\n\r\nx', 'name="organisation_name"\r\n\r\n\xb1\xea'), 'latin1');
    const notUtf8 = await admin.request(PATH, { method: 'POST', headers: latin2.headers, body: bad });
    assert.equal(notUtf8.status, 400);
    assert.match(notUtf8.text, /Nie udało się odczytać/);
    // Url-encoded text that is not UTF-8: unreadable, so refused before the CSRF check.
    const urlencoded = await admin.request(PATH, { method: 'POST', body: `csrf=${admin.csrf}&organisation_name=%B1%EA` });
    assert.equal(urlencoded.status, 400);
    assert.equal(state(), before);
  });

  test('an oversized body is refused before it is read', async () => {
    const before = state();
    const response = await postEdit(admin, PATH, withValues({ privacy_clause_md: 'x'.repeat(600 * 1024) }));
    assert.equal(response.status, 413);
    assert.equal(state(), before);
  });

  test('a url-encoded form works as well', async () => {
    const revision = revisionOf((await admin.request(PATH)).text);
    const response = await admin.post(PATH, { ...Object.fromEntries(withValues({ organisation_name: 'Forum' })), revision });
    assert.equal(response.status, 303);
    assert.equal(brandOf((await new Visitor(s.rynek.port).request('/')).text), 'Forum');
  });
});

// Optimistic locking, as for articles and seminars: the form carries the
// settings' revision; a save over a newer one, or without a readable one,
// writes nothing (no audit entry, no new content version) and answers 409.
describe('edit conflicts', () => {
  const revisionStored = () => sqlValue(s.world.dataDir, 'SELECT revision FROM site_settings');

  test('two admins open the form: the second save is 409 with their values, and saving again overwrites', async () => {
    const other = await s.login('admin2');
    const tabA = revisionOf((await admin.request(PATH)).text);
    const tabB = revisionOf((await other.request(PATH)).text);
    assert.match(tabA, /^\d+$/, 'the form carries the revision');
    assert.equal(tabB, tabA);
    const first = await postMultipart(admin, PATH, [['revision', tabA], ...withValues({ organisation_name: 'Forum A' })]);
    assert.equal(first.status, 303);
    assert.equal(Number(revisionStored()), Number(tabA) + 1, 'the save added one');
    const before = state();
    const lost = await postMultipart(other, PATH, [['revision', tabB], ...withValues({ organisation_name: 'Forum B' })]);
    assert.equal(lost.status, 409);
    assert.ok(lost.text.includes('Ktoś inny zapisał w międzyczasie ustawienia'), 'the notice, in Polish');
    assert.ok(lost.text.includes(`href="${PATH}"`), 'a link to the saved settings');
    assert.ok(lost.text.includes('value="Forum B"'), "the admin's values are kept");
    assert.equal(revisionOf(lost.text), revisionStored(), 'the form now carries the stored revision');
    assert.equal(state(), before, 'nothing stored, no audit entry');
    const again = await postMultipart(other, PATH, [['revision', revisionOf(lost.text)], ...withValues({ organisation_name: 'Forum B' })]);
    assert.equal(again.status, 303);
    assert.equal(sqlValue(s.world.dataDir, 'SELECT organisation_name FROM site_settings'), 'Forum B');
  });

  test('in English the notice is in English', async () => {
    admin.cookies.set('lang', 'en');
    try {
      // A tab opened before the last save (the stored revision is at least 2 by now: the test above saved).
      const stale = String(Number(revisionStored()) - 1);
      assert.ok(Number(stale) >= 1, 'an earlier save happened in this suite');
      const response = await postMultipart(admin, PATH, [['revision', stale], ...withValues({ organisation_name: 'Old tab' })]);
      assert.equal(response.status, 409);
      assert.match(response.text, /Someone else saved the settings meanwhile/);
    } finally {
      admin.cookies.delete('lang');
    }
  });

  test('no revision, or one that is not a number, negative or too large: 409, nothing stored', async () => {
    const before = state();
    const missing = await postMultipart(admin, PATH, withValues({ organisation_name: 'Bez rewizji' }));
    assert.equal(missing.status, 409);
    assert.ok(missing.text.includes('Formularz nie wskazał'), 'says why');
    for (const revision of ['abc', '-1', '99999999999999999999999']) {
      const response = await postMultipart(admin, PATH, [['revision', revision], ...withValues({ organisation_name: 'Zła' })]);
      assert.equal(response.status, 409, revision);
    }
    const urlencoded = await admin.post(PATH, { ...Object.fromEntries(withValues({ organisation_name: 'Zła' })), revision: 'abc' });
    assert.equal(urlencoded.status, 409);
    assert.equal(state(), before);
  });
});
