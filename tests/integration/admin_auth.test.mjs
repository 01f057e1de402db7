// Back-office accounts through the built binary: `rynek user add` with the
// password on standard input, login and logout, the generic error, the lockout
// after five failures, the session cookie's attributes, anonymous visitors sent
// to the login page, roles refused with 403, CSRF on admin POSTs, and the
// password reset flow with the e-mail read from a real SMTP server (after which
// the old session no longer works).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { rynekBin } from '../lib/rynek.mjs';
import { Visitor, scene } from './seminars_helpers.mjs';

const PASSWORD = 'poprawne-haslo-123';
const GENERIC = 'Nieprawidłowy adres e-mail lub hasło.';

let world;
let rynek;

function userAdd(email, role, password = PASSWORD, extra = []) {
  return spawnSync(rynekBin, ['user', 'add', email, '--role', role, ...extra, '--data-dir', world.dataDir],
    { input: `${password}\n`, encoding: 'utf8', timeout: 60_000 });
}

async function login(email, password = PASSWORD, next) {
  const visitor = new Visitor(rynek.port);
  const form = await visitor.open('/admin/logowanie');
  assert.equal(form.status, 200);
  const response = await visitor.post('/admin/logowanie', { email, password, ...(next ? { next } : {}) });
  return { visitor, response };
}

// The session's CSRF token, from a page of the back office.
async function adminCsrf(visitor) {
  const page = await visitor.request('/admin');
  assert.equal(page.status, 200);
  return /name="csrf" value="([^"]+)"/.exec(page.text)[1];
}

before(async () => {
  world = await scene({ 'seminarium-rady': { title: 'Seminarium rady' } });
  for (const [email, role] of [['admin@rynek.test', 'admin'], ['redaktor@rynek.test', 'editor'],
    ['organizator@rynek.test', 'organiser'], ['zablokowany@rynek.test', 'editor'], ['reset@rynek.test', 'editor']]) {
    const result = userAdd(email, role, PASSWORD, ['--name', `Konto ${role}`]);
    assert.equal(result.status, 0, result.stderr);
  }
  rynek = await world.rynek();
});
after(async () => { await world.cleanup(); });

describe('rynek user', () => {
  test('add refuses a short password, a duplicate address and an unknown role', () => {
    assert.equal(userAdd('krotkie@rynek.test', 'editor', 'za-krotkie').status, 2);
    assert.notEqual(userAdd('ADMIN@rynek.test', 'editor').status, 0);
    assert.equal(userAdd('rola@rynek.test', 'superuser').status, 2);
    const list = spawnSync(rynekBin, ['user', 'list', '--data-dir', world.dataDir], { encoding: 'utf8' });
    assert.equal(list.status, 0);
    assert.match(list.stdout, /admin@rynek\.test\tadmin\tactive/);
    assert.doesNotMatch(list.stdout, /krotkie@|rola@/);
  });
});

describe('login and logout', () => {
  test('anonymous /admin goes to the login page with next', async () => {
    const response = await new Visitor(rynek.port).request('/admin/uzytkownicy?x=1');
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/admin/logowanie?next=%2Fadmin%2Fuzytkownicy%3Fx%3D1');
  });

  test('a correct login sets a hardened session cookie and opens the dashboard', async () => {
    const { visitor, response } = await login('Admin@Rynek.test ', PASSWORD);
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/admin');
    const cookie = [].concat(response.headers['set-cookie']).find((c) => c.startsWith('rynek_session='));
    assert.match(cookie, /^rynek_session=[A-Za-z0-9_-]{22};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Path=\//);
    assert.doesNotMatch(cookie, /Secure/);  // base URL is http here
    const page = await visitor.request('/admin');
    assert.equal(page.status, 200);
    assert.match(page.text, /Konto admin/);
    assert.match(page.text, /href="\/admin\/uzytkownicy"/);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.headers['x-robots-tag'], /noindex/);
  });

  test('next is honoured only for local /admin paths', async () => {
    assert.equal((await login('admin@rynek.test', PASSWORD, '/admin/dziennik')).response.headers.location, '/admin/dziennik');
    assert.equal((await login('admin@rynek.test', PASSWORD, '//evil.example/admin')).response.headers.location, '/admin');
    assert.equal((await login('admin@rynek.test', PASSWORD, 'https://evil.example/')).response.headers.location, '/admin');
  });

  test('wrong password and unknown address get the same generic answer', async () => {
    const wrong = await login('redaktor@rynek.test', 'zupelnie-nie-to-haslo');
    const unknown = await login('nikt@rynek.test', 'zupelnie-nie-to-haslo');
    for (const { response } of [wrong, unknown]) {
      assert.equal(response.status, 422);
      assert.ok(response.text.includes(GENERIC));
      assert.ok(![].concat(response.headers['set-cookie'] || []).some((c) => c.startsWith('rynek_session=')));
    }
  });

  test('five failures lock the address, even for the right password', async () => {
    for (let i = 0; i < 5; i++) await login('zablokowany@rynek.test', `zle-haslo-numer-${i}`);
    const { response } = await login('zablokowany@rynek.test', PASSWORD);
    assert.equal(response.status, 429);
    assert.ok(response.text.includes(GENERIC));
    assert.match(response.text, /Prosimy spróbować ponownie później/);
    assert.ok(![].concat(response.headers['set-cookie'] || []).some((c) => c.startsWith('rynek_session=')));
  });

  test('logout needs the CSRF token and ends the session', async () => {
    const { visitor } = await login('redaktor@rynek.test');
    const refused = await visitor.post('/admin/wyloguj', {}, { csrf: false });
    assert.equal(refused.status, 403);
    assert.equal((await visitor.request('/admin')).status, 200);
    const stolen = visitor.cookies.get('rynek_session');
    const csrf = await adminCsrf(visitor);
    const out = await visitor.request('/admin/wyloguj', { method: 'POST', body: `csrf=${encodeURIComponent(csrf)}` });
    assert.equal(out.status, 303);
    const again = new Visitor(rynek.port);
    again.cookies.set('rynek_session', stolen);
    assert.equal((await again.request('/admin')).status, 303);
  });
});

describe('csrf in multipart forms', () => {
  test('a multipart POST is accepted with the token as a form part and refused without', async () => {
    const { visitor } = await login('redaktor@rynek.test');
    const csrf = await adminCsrf(visitor);
    const boundary = '----rynek-test-boundary';
    const body = (parts) => parts.map(([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('') + `--${boundary}--\r\n`;
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const refused = await visitor.request('/admin/wyloguj', { method: 'POST', headers, body: body([['csrf', 'wrong']]) });
    assert.equal(refused.status, 403);
    const accepted = await visitor.request('/admin/wyloguj', { method: 'POST', headers,
      body: body([['note', 'x'], ['csrf', csrf]]) });
    assert.equal(accepted.status, 303);
  });
});

describe('roles', () => {
  test('an organiser gets 403 on admin-only pages, an editor on the users page', async () => {
    const organiser = (await login('organizator@rynek.test')).visitor;
    assert.equal((await organiser.request('/admin')).status, 200);
    assert.equal((await organiser.request('/admin/dziennik')).status, 403);
    assert.equal((await organiser.request('/admin/uzytkownicy')).status, 403);
    const editor = (await login('redaktor@rynek.test')).visitor;
    assert.equal((await editor.request('/admin/uzytkownicy')).status, 403);
    const csrf = await adminCsrf(editor);
    const post = await editor.request('/admin/uzytkownicy', { method: 'POST',
      body: `csrf=${encodeURIComponent(csrf)}&email=x%40rynek.test&name=X&role=admin` });
    assert.equal(post.status, 403);
  });

  test('an admin creates an account, which gets an invitation, and the audit log shows it', async () => {
    const admin = (await login('admin@rynek.test')).visitor;
    const csrf = await adminCsrf(admin);
    const missing = await admin.request('/admin/uzytkownicy', { method: 'POST', body: 'email=nowa%40rynek.test&name=Nowa&role=organiser' });
    assert.equal(missing.status, 403);
    const created = await admin.request('/admin/uzytkownicy', { method: 'POST',
      body: `csrf=${encodeURIComponent(csrf)}&email=nowa%40rynek.test&name=Nowa+Osoba&role=organiser` });
    assert.equal(created.status, 303);
    const mail = await world.sink.waitFor((all) => all.some((m) => m.rcpt.includes('nowa@rynek.test')), { what: 'invitation' });
    const invitation = mail.find((m) => m.rcpt.includes('nowa@rynek.test'));
    assert.equal(invitation.subject, 'Konto w panelu administracyjnym');
    assert.match(invitation.text, /\/admin\/haslo\/[A-Za-z0-9_-]{43}/);
    const log = await admin.request('/admin/dziennik');
    assert.equal(log.status, 200);
    assert.match(log.text, /<span title="account\.create">Utworzono konto<\/span>/);
    assert.match(log.text, /Rola:<\/span> „organizator”|Rola:<\/span> organizator/i);
    assert.match(log.text, /nowa@rynek\.test/);
  });
});

describe('password reset', () => {
  test('the link sets a new password once and ends the old sessions', async () => {
    const old = (await login('reset@rynek.test')).visitor;
    assert.equal((await old.request('/admin')).status, 200);

    const asker = new Visitor(rynek.port);
    await asker.open('/admin/haslo');
    const known = await asker.post('/admin/haslo', { email: 'reset@rynek.test' });
    const unknown = await asker.post('/admin/haslo', { email: 'nieznany@rynek.test' });
    assert.equal(known.status, 303);
    assert.equal(unknown.status, 303);
    assert.equal(known.headers.location, unknown.headers.location);

    const mail = await world.sink.waitFor((all) => all.some((m) => m.rcpt.includes('reset@rynek.test')), { what: 'reset mail' });
    const message = mail.find((m) => m.rcpt.includes('reset@rynek.test'));
    assert.equal(message.subject, 'Resetowanie hasła');
    const link = new URL(/https?:\/\/\S+\/admin\/haslo\/[A-Za-z0-9_-]{43}/.exec(message.text)[0]).pathname;
    assert.ok(!world.sink.messages().some((m) => m.rcpt.includes('nieznany@rynek.test')));

    const setter = new Visitor(rynek.port);
    assert.equal((await setter.open(link)).status, 200);
    const short = await setter.post(link, { password: 'krotkie', password_repeat: 'krotkie' });
    assert.equal(short.status, 422);
    const done = await setter.post(link, { password: 'calkiem-nowe-haslo-456', password_repeat: 'calkiem-nowe-haslo-456' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.location, '/admin/logowanie?haslo=ustawione');

    assert.equal((await old.request('/admin')).status, 303);
    assert.equal((await login('reset@rynek.test', PASSWORD)).response.status, 422);
    assert.equal((await login('reset@rynek.test', 'calkiem-nowe-haslo-456')).response.status, 303);
    assert.equal((await new Visitor(rynek.port).request(link)).status, 404);
  });
});
