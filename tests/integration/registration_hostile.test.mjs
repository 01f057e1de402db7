// Hostile input against the registration form and the personal links: markup in
// every field (kept as text, shown escaped), line breaks in the name and the
// address, 10 kB values, malformed addresses, a missing required consent, missing
// or forged CSRF tokens, an oversized body, invalid UTF-8, the honeypot, and
// 10,000 guessed personal links (never 200; the guesser is rate-limited).
// Nothing here may ever answer 500; whatever is refused stores nothing and
// sends nothing.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { envelopeProblems, personalLinks } from '../lib/mail.mjs';
import { Visitor, encodeForm, mailFrom, pathOf, person, registrations, scene, send } from './seminars_helpers.mjs';

const slug = 'seminarium-wrogie';
const script = '<script>alert(1)</script>';
const breakout = '"><img src=x onerror=alert(1)>';
const hostile = `${script}${breakout}`;
const fields = [
  { key: 'instytucja', type: 'text', label: 'Instytucja', required: true },
  { key: 'email_dodatkowy', type: 'email', label: 'Drugi adres' },
  { key: 'telefon', type: 'phone', label: 'Telefon' },
  { key: 'miasto', type: 'select', label: 'Miasto', options: ['Chełm', 'Łomża'] },
  { key: 'tematy', type: 'multiselect', label: 'Tematy', options: ['Dane', 'Rewitalizacja'] },
  { key: 'tlumacz', type: 'checkbox', label: 'Tłumacz' },
  { key: 'uwagi', type: 'textarea', label: 'Uwagi' },
];
const consents = [
  { key: 'newsletter', text: 'Newsletter' },
  { key: 'regulamin', text: 'Akceptuję regulamin', required: true },
];
const good = (n) => ({ ...person(n, 'wrogi.test'), f_instytucja: 'Urząd', consent_regulamin: 'yes' });

let world;
let rynek;
let visitor;
before(async () => {
  world = await scene({ [slug]: { title: 'Seminarium odporne', fields, consents } });
  rynek = await world.rynek();
  visitor = new Visitor(rynek.port);
  await visitor.open(`/seminaria/${slug}/rejestracja`);
});
after(async () => { await world.cleanup(); });

const form = `/seminaria/${slug}/rejestracja`;
const stored = () => registrations(world.dataDir, slug);
const storedEmails = () => new Set(stored().map((r) => r.email));

// A fresh registration's e-mail has arrived: everything queued before it was sent.
let sentinels = 0;
async function sentinel() {
  const p = good(900 + ++sentinels);
  assert.equal((await visitor.register(slug, p)).status, 303);
  await world.sink.waitForMail(p.email, 'registration.confirmation');
  await new Promise((resolve) => setTimeout(resolve, 500));
}

// The error summary links to a field that exists and describes it.
function assertFieldError(html, id, message) {
  assert.match(html, new RegExp(`<div class="error-summary"[^>]*>[\\s\\S]*href="#${id}"`), `summary links to #${id}`);
  assert.match(html, new RegExp(`id="${id}"[^>]*aria-describedby="[^"]*${id}-error`), `#${id} is described by its error`);
  const error = new RegExp(`id="${id}-error">([^<]*)<`).exec(html);
  assert.ok(error, `#${id}-error exists`);
  if (message) assert.equal(error[1], message);
}

describe('markup in every field', () => {
  const values = {
    name: `Jan ${hostile}`, email: `jan.${script}@wrogi.test`,
    f_instytucja: hostile, f_email_dodatkowy: hostile, f_telefon: hostile, f_miasto: hostile,
    f_tematy: [hostile, 'Dane'], f_tlumacz: hostile, f_uwagi: `${hostile}\n</textarea>${script}`,
    consent_newsletter: hostile, website: '',
  };

  test('is shown escaped when the form comes back with errors', async () => {
    const response = await visitor.post(form, values);
    assert.equal(response.status, 422);
    assert.ok(!response.text.includes(script), 'no raw <script> from the visitor');
    assert.ok(!response.text.includes('<img src=x'), 'no raw <img> from the visitor');
    assert.ok(!/<\/textarea><script>/.test(response.text), 'the textarea cannot be closed');
    assert.ok(response.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the text is kept, escaped');
    assertFieldError(response.text, 'consent-regulamin', 'Ta zgoda jest niezbędna do rejestracji.');
    assertFieldError(response.text, 'field-email', 'Prosimy podać poprawny adres e-mail.');
    assert.ok(![...storedEmails()].some((e) => e.includes('script')), 'nothing stored');
  });

  test('is stored as text and never reaches the e-mail as markup', async () => {
    const accepted = { ...values, email: 'jan.markup@wrogi.test', f_email_dodatkowy: '', f_telefon: '', f_miasto: '',
      f_tematy: [], f_tlumacz: '', consent_regulamin: 'yes' };
    const response = await visitor.post(form, accepted);
    assert.equal(response.status, 303, response.text.slice(0, 300));
    const row = stored().find((r) => r.email === 'jan.markup@wrogi.test');
    assert.ok(row, 'stored');
    assert.equal(row.name, `Jan ${hostile}`, 'the name is stored as given');
    const [mail] = await world.sink.waitForMail('jan.markup@wrogi.test', 'registration.confirmation');
    assert.ok(!mail.html.includes(script) && !mail.html.includes('<img src=x'), 'no markup in the HTML part');
    assert.match(mail.to, /<jan\.markup@wrogi\.test>$/);
    assert.ok(!mail.headers.some(([key]) => key === 'bcc'));
    const page = await new Visitor(rynek.port).open(pathOf(personalLinks(mail.text)[0]));
    assert.equal(page.status, 200);
    assert.ok(!page.text.includes(script), 'the personal page escapes the name');
    assert.ok(page.text.includes('Jan &lt;script&gt;'));
  });
});

describe('refused values', () => {
  test('CR/LF in the name is a field error', async () => {
    for (const name of ['Jan\r\nBcc: zly@wrogi.test', 'Jan\nKowalski', 'Jan\rKowalski']) {
      const response = await visitor.post(form, { ...good(1), name });
      assert.equal(response.status, 422, JSON.stringify(name));
      assertFieldError(response.text, 'field-name', 'Prosimy podać imię i nazwisko w jednym wierszu, bez znaków specjalnych.');
    }
    assert.ok(!storedEmails().has(good(1).email));
  });

  test('CR/LF in the address is refused', async () => {
    for (const email of ['ofiara@wrogi.test\r\nBcc: zly@wrogi.test', 'ofiara@wrogi.test\nTo: zly@wrogi.test', 'ofiara\r\n@wrogi.test']) {
      const response = await visitor.post(form, { ...good(2), email });
      assert.equal(response.status, 422, JSON.stringify(email));
      assertFieldError(response.text, 'field-email', 'Prosimy podać poprawny adres e-mail.');
    }
    assert.ok(![...storedEmails()].some((e) => e.includes('ofiara')));
  });

  test('10 kB values are refused with 422', async () => {
    const big = 'ż'.repeat(5 * 1024);  // 10 kB of UTF-8
    for (const [key, value] of [['name', big], ['email', `${'a'.repeat(10_000)}@wrogi.test`], ['f_instytucja', big],
      ['f_uwagi', big], ['f_telefon', '1'.repeat(10_000)], ['f_email_dodatkowy', `${'b'.repeat(10_000)}@wrogi.test`]]) {
      const response = await visitor.post(form, { ...good(3), [key]: value });
      assert.equal(response.status, 422, key);
      assert.match(response.text, /class="error-summary"/, key);
    }
    assert.ok(!storedEmails().has(good(3).email));
  });

  test('malformed addresses are refused', async () => {
    const addresses = ['plainaddress', '@wrogi.test', 'jan@', 'jan@wrogi', 'jan@@wrogi.test', 'jan kowalski@wrogi.test',
      'jan@wrogi..test', '.jan@wrogi.test', 'jan.@wrogi.test', 'jan@-wrogi.test', '<jan@wrogi.test>',
      'jan@wrogi.test,zly@wrogi.test', 'jan@wrogi.t', 'jan"@wrogi.test', 'jan@wrogi.test>', ''];
    for (const email of addresses) {
      const response = await visitor.post(form, { ...good(4), email });
      assert.equal(response.status, 422, JSON.stringify(email));
      assertFieldError(response.text, 'field-email');
    }
    assert.equal(stored().filter((r) => r.email.includes('jan') && r.email !== 'jan.markup@wrogi.test').length, 0);
  });

  test('a missing required consent is a 422 whose summary links to the consent', async () => {
    const { consent_regulamin: _, ...values } = good(5);
    const response = await visitor.post(form, values);
    assert.equal(response.status, 422);
    assertFieldError(response.text, 'consent-regulamin', 'Ta zgoda jest niezbędna do rejestracji.');
    assert.match(response.text, /<h2 id="error-summary-title">/);
    // What was typed is kept.
    assert.match(response.text, /value="Osoba Testowa 5"/);
    assert.ok(!storedEmails().has(good(5).email));
  });

  test('invalid UTF-8 in values is refused (never a 500)', async () => {
    const bodies = [
      `csrf=${visitor.csrf}&name=%FF%FE&email=utf1%40wrogi.test&f_instytucja=U&consent_regulamin=yes`,
      `csrf=${visitor.csrf}&name=Jan&email=utf2%40wrogi.test&f_instytucja=%C3%28&consent_regulamin=yes`,
      `csrf=${visitor.csrf}&name=Jan&email=utf3%40wrogi.test&f_uwagi=%ED%A0%80&f_instytucja=U&consent_regulamin=yes`,
    ];
    for (const body of bodies) {
      const response = await visitor.request(form, { method: 'POST', body });
      assert.ok([400, 422].includes(response.status), `${body}: ${response.status}`);
    }
    // Raw (not percent-encoded) invalid bytes in the body.
    const raw = Buffer.concat([Buffer.from(`csrf=${visitor.csrf}&name=`), Buffer.from([0xff, 0xc0, 0x80]),
      Buffer.from('&email=utf4%40wrogi.test&f_instytucja=U&consent_regulamin=yes')]);
    const response = await visitor.request(form, { method: 'POST', body: raw });
    assert.ok([400, 422].includes(response.status), `raw bytes: ${response.status}`);
    assert.ok(![...storedEmails()].some((e) => e.startsWith('utf')));
  });

  // Found by tests/fuzz/form.cpp: a raw '#' made the rest of the body a URL fragment, so
  // "...&#" registered with whatever came before it (and "#x" read out of bounds in Boost.URL).
  test('a raw # in the body is a 400 and stores nothing', async () => {
    const bodies = [
      `csrf=${visitor.csrf}&name=Jan&email=hash1%40wrogi.test&f_instytucja=U&consent_regulamin=yes&#`,
      `csrf=${visitor.csrf}&name=Jan&email=hash2%40wrogi.test&f_instytucja=U&consent_regulamin=yes&#jjjjjjjj`,
    ];
    for (const body of bodies) {
      const response = await visitor.request(form, { method: 'POST', body });
      assert.equal(response.status, 400, `${body}: ${response.status}`);
    }
    assert.ok(![...storedEmails()].some((e) => e.startsWith('hash')));
  });
});

describe('forged requests', () => {
  test('a missing or forged CSRF token is 403 and stores nothing', async () => {
    const p = good(6);
    const missing = await visitor.post(form, p, { csrf: false });
    assert.equal(missing.status, 403);
    const forged = await visitor.post(form, { ...p, csrf: 'x'.repeat(43) }, { csrf: false });
    assert.equal(forged.status, 403);
    // A real token, but for someone else's cookie.
    const other = new Visitor(rynek.port);
    await other.open(form);
    const crossed = await visitor.post(form, { ...p, csrf: other.csrf }, { csrf: false });
    assert.equal(crossed.status, 403);
    // No cookie at all.
    const bare = await send(rynek.port, form, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: encodeForm({ ...p, csrf: visitor.csrf }) });
    assert.equal(bare.status, 403);
    await sentinel();
    assert.ok(!storedEmails().has(p.email), 'nothing stored');
    assert.equal(world.sink.to(p.email).length, 0, 'nothing sent');
  });

  test('a body over the 64 kB limit is 413', async () => {
    const body = encodeForm({ ...good(7), csrf: visitor.csrf, f_uwagi: 'a'.repeat(70 * 1024) });
    const response = await visitor.request(form, { method: 'POST', body });
    assert.equal(response.status, 413);
    assert.ok(!storedEmails().has(good(7).email));
  });

  test('a filled honeypot looks like success and stores and sends nothing', async () => {
    const p = good(8);
    const response = await visitor.post(form, { ...p, website: 'https://spam.example' });
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, `/seminaria/${slug}/rejestracja/wyslano`);
    await sentinel();
    assert.ok(!storedEmails().has(p.email));
    assert.equal(world.sink.to(p.email).length, 0);
  });
});

describe('guessed personal links', () => {
  test('10,000 guesses: never 200, and the guesser is soon rate-limited', { timeout: 60_000 }, async () => {
    // A fresh instance with rate limits on (the one above runs without them).
    await rynek.stop();
    rynek = await world.rynek({ rateLimits: true });
    visitor = new Visitor(rynek.port);
    const p = good(10);
    assert.equal((await visitor.register(slug, p)).status, 303);
    const [mail] = await world.sink.waitForMail(p.email, 'registration.confirmation');
    const link = pathOf(personalLinks(mail.text)[0]);

    const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    const statuses = new Array(10_000);
    let next = 0;
    const started = Date.now();
    const worker = async () => {
      while (next < statuses.length) {
        const i = next++;
        const guess = randomBytes(16).toString('base64url');  // 22 characters, like a real token
        statuses[i] = (await send(rynek.port, `/u/${guess}`, { agent })).status;
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    agent.destroy();
    const elapsed = Date.now() - started;
    const counts = {};
    for (const status of statuses) counts[status] = (counts[status] || 0) + 1;
    assert.deepEqual(Object.keys(counts).filter((s) => s !== '404' && s !== '429'), [], JSON.stringify(counts));
    assert.ok((counts[404] || 0) >= 1, 'the first guesses are plain 404s');
    const firstLimited = statuses.indexOf(429);
    assert.ok(firstLimited >= 0 && firstLimited <= 60, `rate-limited from guess ${firstLimited}`);
    // The bucket holds 20 misses and refills at 30 a minute: past the burst, a 404 only
    // as often as the refill allows, everything else 429.
    const refilled = Math.ceil(elapsed / 2000) + 1;
    const late404 = statuses.slice(60).filter((s) => s === 404).length;
    assert.ok(late404 <= refilled, `after the first few dozen (almost) only 429: ${JSON.stringify(counts)} in ${elapsed} ms`);
    assert.ok(elapsed < 30_000, `took ${elapsed} ms`);
    // The guesser's address is limited for misses only: a real link still opens.
    const real = await new Visitor(rynek.port).open(link);
    assert.equal(real.status, 200);
    const token = link.split('/').pop();
    assert.ok(!rynek.stdout.includes(token) && !rynek.stderr.includes(token), 'no token in the logs');
  });
});

test('every message is well-formed and nothing answered 5xx', () => {
  assert.deepEqual(envelopeProblems(world.sink.messages(), { from: mailFrom }), []);
  assert.deepEqual(world.serverErrors(), [], 'no 5xx answers');
});
