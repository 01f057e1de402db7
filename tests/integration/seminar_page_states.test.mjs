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
