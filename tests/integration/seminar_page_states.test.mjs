// What a visitor reads on a seminar page (issue 8, B19): the registration
// deadline in Warsaw time; a full seminar's button says it joins the waiting
// list; Google Calendar and Outlook links beside the .ics, carrying the same
// title and times; a seminar that has started is "Trwa teraz" — on its page
// and in its own section of the list, not under "upcoming"; and every e-mail
// about a seminar answers to its contact address (Reply-To).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HOUR, Visitor, person, scene } from './seminars_helpers.mjs';

const MINUTE = 60_000;
const iso = (ms) => new Date(Math.floor(ms / MINUTE) * MINUTE).toISOString().replace(/\.\d{3}Z$/, 'Z');
// Imported to start in two hours; rynek runs on a clock 2.5 hours ahead, so it is on now.
const liveStarts = iso(Date.now() + 2 * HOUR);

let world;
let rynek;
before(async () => {
  world = await scene({
    'otwarte': { title: 'Seminarium otwarte' },
    'male': { title: 'Małe seminarium', capacity: 1 },
    'trwajace': { title: 'Seminarium trwające', starts: liveStarts, durationMinutes: 120 },
  });
  rynek = await world.rynek({ clockOffset: 2.5 * HOUR });
});
after(async () => { await world?.cleanup(); });

const page = async (path) => {
  const response = await new Visitor(rynek.port).request(path);
  assert.equal(response.status, 200, path);
  return response.text;
};
const unescape = (s) => s.replace(/&amp;/g, '&').replace(/&#x2F;|&#47;/g, '/').replace(/&#x3D;|&#61;/g, '=');

describe('the seminar page', () => {
  test('shows until when registration is open, in Warsaw time', async () => {
    const html = await page('/seminaria/otwarte');
    assert.match(html, /Zgłoszenia przyjmujemy do \d+ [a-ząćęłńóśźż]+ \d{4}, godz. \d{2}:\d{2} \(czas warszawski\)\./);
  });

  test('a full seminar offers the waiting list on its button', async () => {
    assert.match(await page('/seminaria/male'), /class="button"[^>]*>Rejestracja</);
    assert.equal((await new Visitor(rynek.port).register('male', person(1, 'male.test'))).status, 303);
    // The page is cached for a few seconds.
    let html = '';
    for (let i = 0; i < 30 && !/Zgłoszenie na listę rezerwową/.test(html); i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      html = await page('/seminaria/male');
    }
    assert.match(html, /class="button"[^>]*>Zgłoszenie na listę rezerwową</);
  });

  test('Google Calendar and Outlook links carry the title and the times', async () => {
    const html = unescape(await page('/seminaria/otwarte'));
    assert.ok(html.includes('href="/seminaria/otwarte/kalendarz.ics"'));
    const google = /href="(https:\/\/calendar\.google\.com\/[^"]+)"/.exec(html)?.[1];
    assert.ok(google, 'a Google Calendar link');
    const g = new URL(google);
    assert.equal(g.searchParams.get('action'), 'TEMPLATE');
    assert.equal(g.searchParams.get('text'), 'Seminarium otwarte');
    assert.match(g.searchParams.get('dates'), /^\d{8}T\d{6}Z\/\d{8}T\d{6}Z$/);
    const outlook = /href="(https:\/\/outlook\.office\.com\/[^"]+)"/.exec(html)?.[1];
    assert.ok(outlook, 'an Outlook link');
    const o = new URL(outlook);
    assert.equal(o.searchParams.get('subject'), 'Seminarium otwarte');
    assert.ok(Date.parse(o.searchParams.get('enddt')) > Date.parse(o.searchParams.get('startdt')));
    assert.match(html, /rel="noopener" target="_blank">Kalendarz Google<span class="visually-hidden"> \(otwiera się w nowym oknie\)/);
  });

  test('a seminar that has started is on now, on its page and in the list', async () => {
    assert.match(await page('/seminaria/trwajace'), /Trwa teraz/);
    assert.doesNotMatch(await page('/seminaria/otwarte'), /Trwa teraz/);
    const list = await page('/seminaria');
    const live = list.indexOf('id="live-title"');
    const upcoming = list.indexOf('id="upcoming-title"');
    assert.ok(live >= 0 && upcoming > live, 'an "on now" section before the upcoming ones');
    const section = list.slice(live, upcoming);
    assert.ok(section.includes('/seminaria/trwajace'));
    assert.ok(!list.slice(upcoming).includes('/seminaria/trwajace'), 'not listed as upcoming');
  });
});

describe('e-mails about a seminar', () => {
  test('answer to the seminar contact address', async () => {
    const p = person(2, 'odpowiedz.test');
    assert.equal((await new Visitor(rynek.port).register('otwarte', p)).status, 303);
    const [mail] = await world.sink.waitForMail(p.email, 'registration.confirmation');
    assert.equal(mail.header('reply-to'), 'kontakt@rynek.test');
  });
});

describe('cancelling (B14)', () => {
  test('the e-mail carries an .ics CANCEL for the invitation, and no run of blank lines', async () => {
    const p = person(3, 'anulowanie.test');
    const visitor = new Visitor(rynek.port);
    assert.equal((await visitor.register('otwarte', p)).status, 303);
    const [confirmation] = await world.sink.waitForMail(p.email, 'registration.confirmation');
    const invitation = confirmation.attachments.find((a) => a.filename.endsWith('.ics'));
    const uid = /UID:(\S+)/.exec(invitation.text)[1];
    const link = personalLinksOf(confirmation.text);
    const path = new URL(link).pathname;
    // Nobody waits for this seminar: the form does not promise the place to anybody.
    const form = await visitor.open(`${path}/anuluj`);
    assert.equal(form.status, 200);
    assert.doesNotMatch(form.text, /następna osoba z listy rezerwowej/);
    assert.equal((await visitor.post(`${path}/anuluj`, {})).status, 303);
    const [cancelled] = await world.sink.waitForMail(p.email, 'registration.cancelled');
    const ics = cancelled.attachments.find((a) => a.filename.endsWith('.ics'));
    assert.ok(ics, 'a calendar attachment');
    assert.match(ics.text, /METHOD:CANCEL/);
    assert.match(ics.text, /STATUS:CANCELLED/);
    assert.match(ics.text, /SEQUENCE:1/);
    assert.equal(/UID:(\S+)/.exec(ics.text)[1], uid, 'the same UID as the invitation');
    assert.doesNotMatch(cancelled.text, /\n\s*\n\s*\n/, 'no run of blank lines');
    // The personal page of a cancelled registration offers no calendar file.
    const page = await visitor.request(path);
    assert.ok(!page.text.includes('/kalendarz.ics'), 'no calendar link');
    assert.equal((await visitor.request(`${path}/kalendarz.ics`)).status, 404);
  });

  test('with someone waiting, the cancel form says the place goes to them', async () => {
    const [first, second] = [4, 5].map((n) => person(n, 'kolejka-male.test'));
    const visitor = new Visitor(rynek.port);
    // 'male' is already full (one place, taken above): both are waitlisted, so make room first.
    assert.equal((await visitor.register('male', first)).status, 303);
    assert.equal((await visitor.register('male', second)).status, 303);
    const [holderMail] = world.sink.to(person(1, 'male.test').email, 'registration.confirmation');
    const path = new URL(personalLinksOf(holderMail.text)).pathname;
    const form = await visitor.open(`${path}/anuluj`);
    assert.match(form.text, /Po anulowaniu miejsce otrzyma następna osoba z listy rezerwowej/);
  });
});

function personalLinksOf(text) {
  return /https?:\/\/[^\s"<>]*\/u\/[A-Za-z0-9_-]{22}/.exec(text)[0];
}
