// Issue 8, D26 and D27 through the built binary: the Host header rule, HSTS and
// Secure cookies behind an https base URL, the back-office account form refusing
// names with line breaks and addresses the mailer would refuse, and the
// participant page's CSP naming only the origin rebuilt from an HLS broadcast.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { personalLinks } from '../lib/mail.mjs';
import { Rynek, rawRequest, runRynek, statusOf, tempDir } from '../lib/rynek.mjs';
import { writeTree } from './helpers.mjs';
import { Visitor, pathOf, scene, seminarText } from './seminars_helpers.mjs';
import { login, userAdd } from './admin_helpers.mjs';

const slug = 'seminarium-hls';
const hlsUrl = 'HTTPS://Stream.Example.ORG:0443/live/index.m3u8?token=abc';

let world;
let rynek;
let https;
before(async () => {
  world = await scene({ [slug]: { title: 'Seminarium z własnym strumieniem', broadcastUrl: hlsUrl } });
  userAdd(world.dataDir, 'admin@rynek.test', 'admin');
  rynek = await world.rynek();
  https = await new Rynek({ args: ['--base-url', 'https://rynek.example'] }).start();
});
after(async () => {
  await https.stop();
  await world.cleanup();
});

describe('the Host header', () => {
  const cases = {
    'HTTP/1.1 without Host': 'GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n',
    'two Host headers': 'GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n',
    'two equal Host headers': 'GET /healthz HTTP/1.1\r\nHost: a\r\nhost: a\r\nConnection: close\r\n\r\n',
    'HTTP/1.0 with two Host headers': 'GET /healthz HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n',
  };
  for (const [name, data] of Object.entries(cases)) {
    test(`${name} -> 400 and the connection closes`, async () => {
      const reply = await rawRequest(rynek.port, data);
      assert.equal(statusOf(reply.text), 400, reply.text.slice(0, 200));
      assert.ok(reply.closed);
      assert.match(reply.text, /Content-Type: text\/html/);
    });
  }
  test('one Host (or none in HTTP/1.0) is served', async () => {
    assert.equal(statusOf((await rawRequest(rynek.port, 'GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n')).text), 200);
    const old = await rawRequest(rynek.port, 'GET /healthz HTTP/1.0\r\n\r\n');
    assert.match(old.text, /^HTTP\/1\.[01] 200/);
  });
});

describe('behind https', () => {
  test('every response says Strict-Transport-Security, cached pages too', async () => {
    for (const path of ['/', '/', '/aktualnosci', '/nie-ma-takiej-strony', '/healthz', '/static/css/site.css']) {
      const response = await fetch(`${https.url}${path}`, { redirect: 'manual' });
      assert.equal(response.headers.get('strict-transport-security'), 'max-age=31536000', path);
    }
    const refused = await rawRequest(https.port, 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n');
    assert.match(refused.text, /Strict-Transport-Security: max-age=31536000/);
  });

  test('the lang and CSRF cookies are Secure', async () => {
    const lang = await fetch(`${https.url}/jezyk/en?next=/`, { redirect: 'manual' });
    assert.match(lang.headers.get('set-cookie'), /^lang=en;.*; Secure$/);
    const form = await fetch(`${https.url}/admin/logowanie`);
    const cookies = form.headers.getSetCookie();
    assert.ok(cookies.some((c) => c.startsWith('rynek_csrf=')), cookies.join(' | '));
    for (const cookie of cookies) assert.match(cookie, /; Secure$/);
  });

  test('plain http sends neither', async () => {
    const page = await fetch(`${rynek.url}/`);
    assert.equal(page.headers.get('strict-transport-security'), null);
    const lang = await fetch(`${rynek.url}/jezyk/en?next=/`, { redirect: 'manual' });
    assert.doesNotMatch(lang.headers.get('set-cookie'), /Secure/);
  });
});

describe('the account form', () => {
  const cases = [
    ['a name with CR/LF', { email: 'ewa@rynek.test', name: 'Ewa\r\nBcc: x@rynek.test' }, 'Proszę wpisać imię i nazwisko w jednym wierszu'],
    ['a name with a control character', { email: 'ewa@rynek.test', name: 'Ewa\u0007' }, 'Proszę wpisać imię i nazwisko w jednym wierszu'],
    ['an address with a semicolon', { email: 'ewa;x@rynek.test', name: 'Ewa' }, null],
    ['an address with a quote', { email: '"ewa"@rynek.test', name: 'Ewa' }, null],
    ['a non-ASCII address', { email: 'żaneta@rynek.test', name: 'Żaneta' }, null],
  ];
  for (const [name, values, message] of cases) {
    test(`${name} is refused and nothing is created`, async () => {
      const admin = await login(rynek.port, 'admin@rynek.test');
      const response = await admin.post('/admin/uzytkownicy', { ...values, role: 'organiser' });
      assert.equal(response.status, 422);
      if (message) assert.ok(response.text.includes(message), response.text.slice(0, 2000));
      const list = runRynek(['user', 'list', '--data-dir', world.dataDir]);
      assert.equal(list.stdout.trim().split('\n').length, 1, list.stdout);
    });
  }
  test('`user add` refuses a name with a line break too', () => {
    const result = runRynek(['user', 'add', 'ewa@rynek.test', '--role', 'editor', '--name', 'Ewa\nNowak', '--data-dir', world.dataDir]);
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /one line/);
  });
});

describe('an HLS broadcast', () => {
  test('the participant page allows only the rebuilt origin in its CSP', async () => {
    const visitor = new Visitor(rynek.port);
    const posted = await visitor.register(slug, { name: 'Anna Widz', email: 'anna.widz@urzad.test', website: '' });
    assert.equal(posted.status, 303, posted.text.slice(0, 300));
    const [mail] = await world.sink.waitForMail('anna.widz@urzad.test', 'registration.confirmation');
    const link = pathOf(personalLinks(mail.text)[0]);
    const person = new Visitor(rynek.port);
    await person.open(link);
    assert.equal((await person.post(`${link}/potwierdz`, {})).status, 303);
    const page = await person.request(link);
    assert.equal(page.status, 200);
    const csp = page.headers['content-security-policy'];
    assert.match(csp, /media-src 'self' blob: https:\/\/stream\.example\.org:443;/);
    assert.match(csp, /connect-src 'self' https:\/\/stream\.example\.org:443;/);
    assert.ok(!csp.includes('live') && !csp.includes('token') && !csp.includes('ORG'), csp);
  });

  test('importing the two exploit addresses fails with the reason', () => {
    for (const [url, reason] of [['http://localhost.evil.example/live.m3u8', 'plain http:// is allowed only for localhost'],
      ['https://evil.example;sandbox/live.m3u8', 'semicolon']]) {
      const dir = tempDir('rynek-evil-');
      writeTree(dir, { 'seminars/zly/index.md': seminarText({ broadcastUrl: url }) });
      const result = runRynek(['import', dir, '--data-dir', world.dataDir]);
      rmSync(dir, { recursive: true, force: true });
      assert.notEqual(result.status, 0);
      assert.match(result.stdout + result.stderr, new RegExp(`broadcast\\.url: .*${reason}`));
    }
  });
});
