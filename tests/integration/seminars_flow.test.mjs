// The registration flow as a person lives it, read only from what arrives by
// e-mail: form -> "check your e-mail" -> exactly one confirmation carrying the
// personal link (text, HTML and .ics), the .ics with Europe/Warsaw, a cancel
// link -> the link shows a confirm button (opening it changes nothing, as mail
// scanners open links) -> pressing it confirms -> the page shows the broadcast
// and agenda. A replayed confirmation changes nothing. The personal token never
// reaches the access log.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { envelopeProblems, personalLinks, tokenOf, unfoldIcs } from '../lib/mail.mjs';
import { Visitor, mailFrom, pathOf, registrations, scene } from './seminars_helpers.mjs';

const slug = 'seminarium-przeplyw';
const fields = [
  { key: 'instytucja', type: 'text', label: 'Instytucja', required: true, help: 'Pełna nazwa urzędu' },
  { key: 'email_sluzbowy', type: 'email', label: 'Adres służbowy' },
  { key: 'telefon', type: 'phone', label: 'Telefon' },
  { key: 'miasto', type: 'select', label: 'Miasto', required: true, options: ['Chełm', 'Łomża', 'Przemyśl'] },
  { key: 'tematy', type: 'multiselect', label: 'Tematy', options: ['Dane', 'Konsultacje', 'Rewitalizacja'] },
  { key: 'tlumacz', type: 'checkbox', label: 'Potrzebuję tłumacza PJM' },
  { key: 'pytania', type: 'textarea', label: 'Pytania do prelegentów' },
];
const consents = [
  { key: 'newsletter', text: 'Zgoda na newsletter' },
  { key: 'regulamin', text: 'Akceptuję regulamin seminarium', required: true },
];
const values = {
  name: 'Zofia Żółkiewska',
  email: 'Zofia.Zolkiewska@Urzad.Test',
  f_instytucja: 'Urząd Miejski w Łomży',
  f_email_sluzbowy: 'sekretariat@urzad.test',
  f_telefon: '+48 86 215 00 00',
  f_miasto: 'Łomża',
  f_tematy: ['Dane', 'Rewitalizacja'],
  f_tlumacz: 'yes',
  f_pytania: 'Pierwsze pytanie.\nDrugie pytanie?',
  consent_regulamin: 'yes',
  website: '',
};
const address = 'zofia.zolkiewska@urzad.test';

let world;
let rynek;
before(async () => {
  world = await scene({ [slug]: { title: 'Seminarium o gęślach: żółć, źdźbło', fields, consents } });
  rynek = await world.rynek();
});
after(async () => { await world.cleanup(); });

let link;
let token;

test('the form posts to a "check your e-mail" page and exactly one confirmation arrives', async () => {
  const visitor = new Visitor(rynek.port);
  const form = await visitor.open(`/seminaria/${slug}/rejestracja`);
  assert.equal(form.status, 200);
  assert.ok(visitor.cookies.has('rynek_csrf'), 'the form sets the CSRF cookie');
  assert.ok(visitor.csrf, 'the form carries a CSRF token');
  for (const field of fields) assert.ok(form.text.includes(`name="f_${field.key}"`), `field ${field.key} on the form`);

  const posted = await visitor.post(`/seminaria/${slug}/rejestracja`, values);
  assert.equal(posted.status, 303, posted.text.slice(0, 500));
  assert.equal(posted.headers.location, `/seminaria/${slug}/rejestracja/wyslano`);
  const sent = await visitor.request(posted.headers.location);
  assert.equal(sent.status, 200);
  assert.match(sent.text, /Prosimy sprawdzić skrzynkę e-mail/);

  const [confirmation] = await world.sink.waitForMail(address, 'registration.confirmation');
  // Give a second message (there must be none) the time it would need to arrive.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const mine = world.sink.to(address);
  assert.equal(mine.length, 1, `one e-mail, got: ${mine.map((m) => m.subject).join(' | ')}`);
  assert.deepEqual(envelopeProblems(world.sink.messages(), { from: mailFrom }), []);
  assert.equal(confirmation.subject, 'Potwierdzenie rejestracji: Seminarium o gęślach: żółć, źdźbło');

  const inText = personalLinks(confirmation.text);
  assert.equal(inText.length, 1, `one personal link in the text part: ${inText}`);
  link = inText[0];
  token = tokenOf(link);
  assert.ok(link.startsWith(`${rynek.url}/u/`), link);
  assert.deepEqual(personalLinks(confirmation.html), [link], 'the same link in the HTML part');
  assert.ok(confirmation.html.includes(`href="${link}"`), 'the HTML part links to it');
  assert.ok(confirmation.text.includes(`${link}/anuluj`), 'a cancellation link in the text part');
  assert.ok(confirmation.html.includes(`href="${link}/anuluj"`), 'a cancellation link in the HTML part');

  const ics = confirmation.attachments.find((a) => a.contentType === 'text/calendar');
  assert.ok(ics, `an .ics attachment among ${confirmation.attachments.map((a) => a.filename)}`);
  assert.match(ics.filename, /\.ics$/);
  const calendar = unfoldIcs(ics.text);
  assert.match(calendar, /^BEGIN:VCALENDAR/);
  assert.match(calendar, /BEGIN:VTIMEZONE\r?\nTZID:Europe\/Warsaw/);
  assert.match(calendar, /DTSTART;TZID=Europe\/Warsaw:\d{8}T\d{6}/);
  assert.ok(calendar.includes(link), 'the .ics carries the same personal link');
});

test('opening the link shows a confirm button and changes nothing', async () => {
  assert.ok(link, 'needs the first test');
  // A mail scanner: no cookies, GET only, twice.
  for (let i = 0; i < 2; i++) {
    const scanner = new Visitor(rynek.port);
    const page = await scanner.open(pathOf(link));
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`<form method="post" action="/u/${token}/potwierdz"`));
    assert.match(page.text, /Potwierdzam udział/);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.equal(page.headers['referrer-policy'], 'no-referrer');
  }
  const [row] = registrations(world.dataDir, slug);
  assert.equal(row.email, address);
  assert.equal(row.state, 'registered');
  assert.equal(row.confirmed, false, 'GET confirmed nothing');
});

test('pressing the button confirms; the page then shows the broadcast and the agenda', async () => {
  const person = new Visitor(rynek.port);
  await person.open(pathOf(link));
  // A second tab (another browser) with the confirm page open before the first press.
  const other = new Visitor(rynek.port);
  await other.open(pathOf(link));
  const confirmed = await person.post(`${pathOf(link)}/potwierdz`, {});
  assert.equal(confirmed.status, 303);
  assert.equal(confirmed.headers.location, pathOf(link));
  const page = await person.request(pathOf(link));
  assert.equal(page.status, 200);
  assert.match(page.text, /Udział jest potwierdzony\./);
  assert.match(page.text, /id="broadcast-title"/, 'the broadcast section');
  assert.match(page.text, /Powitanie uczestników/, 'the agenda');
  assert.match(page.text, /Zofia Żółkiewska/);
  assert.ok(!page.text.includes('/potwierdz'), 'no confirm button any more');
  const rows = registrations(world.dataDir, slug);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].confirmed, true);

  // The replay: the same POST again, and once more from the second tab.
  const again = await person.post(`${pathOf(link)}/potwierdz`, {});
  assert.equal(again.status, 303);
  assert.equal(again.headers.location, pathOf(link));
  assert.equal((await other.post(`${pathOf(link)}/potwierdz`, {})).status, 303);
  const after = await person.request(pathOf(link));
  assert.equal(after.status, 200);
  assert.match(after.text, /Udział jest potwierdzony\./);
  assert.equal(registrations(world.dataDir, slug).length, 1);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.equal(world.sink.to(address).length, 1, 'still only the one confirmation');
});

test('the personal calendar file carries the link and the time zone', async () => {
  const ics = await new Visitor(rynek.port).request(`${pathOf(link)}/kalendarz.ics`);
  assert.equal(ics.status, 200);
  assert.match(ics.headers['content-type'], /^text\/calendar/);
  const calendar = unfoldIcs(ics.text);
  assert.match(calendar, /BEGIN:VTIMEZONE\r?\nTZID:Europe\/Warsaw/);
  assert.ok(calendar.includes(link));
});

test('no personal token appears in the access log (or any log)', async () => {
  assert.ok(token);
  const log = rynek.accessLog();
  assert.ok(log.some((entry) => JSON.stringify(entry).includes('participant.')), 'the personal routes were logged');
  assert.ok(!rynek.stdout.includes(token), 'the token is in stdout');
  assert.ok(!rynek.stderr.includes(token), 'the token is in stderr');
});

test('every message is well-formed and nothing answered 5xx', () => {
  assert.deepEqual(envelopeProblems(world.sink.messages(), { from: mailFrom }), []);
  assert.deepEqual(world.serverErrors(), [], 'no 5xx answers');
});
