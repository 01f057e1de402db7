// Running a seminar's registrations from the back office, through the built
// binary and a real SMTP server: the list with search and filters; approve,
// move from the waiting list and cancel on someone's behalf, each followed by
// the fitting e-mail; CSV (BOM, header, Polish letters, a formula neutralised)
// and XLSX exports; a message to everyone registered (one e-mail each, with
// the subject); the attendance report's SVG chart; and the audit log showing
// every change. Done by an organiser assigned to the seminar.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { adminScene, assignSeminars, sql } from './admin_helpers.mjs';
import { Visitor } from './seminars_helpers.mjs';

const APPROVAL = 'z-akceptacja';
const LIMITED = 'z-limitem';
const APPROVAL_LIMITED = 'z-akceptacja-i-limitem';
const FORMULA = '=HYPERLINK("http://zly.example","klik")';
const field = [{ key: 'organisation', type: 'text', label: 'Organizacja', required: true }];
const people = {
  pending: { name: 'Zofia Źdźbło', email: 'zofia@uczestnik.test', f_organisation: 'Gmina Żółkiewka' },
  registered: { name: 'Łukasz Gęś', email: 'lukasz@uczestnik.test', f_organisation: FORMULA },
  waiting: { name: 'Ewa Rezerwowa', email: 'ewa@uczestnik.test', f_organisation: 'Fundacja' },
};

let s;
let organiser;
let admin;
let ids;

const listPath = (slug) => `/admin/seminaria/${ids[slug]}/zgloszenia`;
const registrationId = (email) => Number(sql(s.world.dataDir, `SELECT id FROM registrations WHERE email = '${email}'`)[0][0]);
const stateOf = (email) => sql(s.world.dataDir, `SELECT state FROM registrations WHERE email = '${email}'`)[0][0];

async function act(slug, email, action) {
  const response = await organiser.post(`${listPath(slug)}/${registrationId(email)}`, { action, back: 'q=x&page=1' });
  assert.equal(response.status, 303, `${action} ${email}: ${response.status}`);
  return response;
}

before(async () => {
  s = await adminScene({
    [APPROVAL]: { title: 'Seminarium z akceptacją', requiresApproval: true, fields: field },
    [LIMITED]: { title: 'Seminarium z limitem', capacity: 1, fields: field },
    [APPROVAL_LIMITED]: { title: 'Seminarium z akceptacją i limitem', requiresApproval: true, capacity: 1, fields: field },
  }, { admin: ['admin@rynek.test', 'admin'], organiser: ['organizator@rynek.test', 'organiser'] });
  ids = { [APPROVAL]: s.seminarId(APPROVAL), [LIMITED]: s.seminarId(LIMITED), [APPROVAL_LIMITED]: s.seminarId(APPROVAL_LIMITED) };
  admin = await s.login('admin');
  organiser = await s.login('organiser');
  await assignSeminars(admin, s.accountId('organiser'), [ids[APPROVAL], ids[LIMITED], ids[APPROVAL_LIMITED]]);
  for (const [slug, who] of [[APPROVAL, people.pending], [LIMITED, people.registered], [LIMITED, people.waiting]]) {
    assert.equal((await new Visitor(s.rynek.port).register(slug, who)).status, 303);
  }
  await s.world.sink.waitForMail(people.waiting.email, 'registration.waitlisted');
});
after(async () => { await s?.world.cleanup(); });

describe('the registration list', () => {
  test('shows the registrations with counts, and search and filters narrow it', async () => {
    const all = await organiser.request(listPath(LIMITED));
    assert.equal(all.status, 200);
    assert.ok(all.text.includes('Łukasz Gęś') && all.text.includes('Ewa Rezerwowa'));
    assert.match(all.text, /Pasujące zgłoszenia: 2\./);
    const search = await organiser.request(`${listPath(LIMITED)}?q=${encodeURIComponent('gęś')}`);
    assert.ok(search.text.includes('lukasz@uczestnik.test'));
    assert.ok(!search.text.includes('ewa@uczestnik.test'), 'search narrows the list');
    const waiting = await organiser.request(`${listPath(LIMITED)}?state=waitlisted`);
    assert.ok(waiting.text.includes('ewa@uczestnik.test'));
    assert.ok(!waiting.text.includes('lukasz@uczestnik.test'), 'the state filter narrows the list');
    const unconfirmed = await organiser.request(`${listPath(LIMITED)}?confirmed=yes`);
    assert.ok(!unconfirmed.text.includes('@uczestnik.test'), 'nobody has confirmed yet');
    const other = await organiser.request(listPath(APPROVAL));
    assert.ok(other.text.includes('Zofia Źdźbło'));
    assert.ok(!other.text.includes('Łukasz Gęś'), 'another seminar\'s people are not listed');
  });
});

describe('actions send the fitting e-mail', () => {
  test('approving a pending registration', async () => {
    assert.equal(stateOf(people.pending.email), 'pending_approval');
    const response = await act(APPROVAL, people.pending.email, 'approve');
    assert.equal(response.headers.location, `${listPath(APPROVAL)}?done=approved&q=x&page=1`);
    assert.equal(stateOf(people.pending.email), 'registered');
    await s.world.sink.waitForMail(people.pending.email, 'registration.approved');
    const page = await organiser.request(response.headers.location);
    assert.match(page.text, /Zgłoszenie zostało zatwierdzone/);
  });

  test('moving someone from the waiting list', async () => {
    await act(LIMITED, people.waiting.email, 'promote');
    assert.equal(stateOf(people.waiting.email), 'registered');
    await s.world.sink.waitForMail(people.waiting.email, 'registration.promoted');
  });

  test('cancelling on someone\'s behalf, and a repeated action changes nothing', async () => {
    await act(APPROVAL, people.pending.email, 'cancel');
    assert.equal(stateOf(people.pending.email), 'cancelled');
    await s.world.sink.waitForMail(people.pending.email, 'registration.cancelled');
    const again = await act(APPROVAL, people.pending.email, 'cancel');
    assert.match(again.headers.location, /done=unchanged/);
    const bogus = await organiser.post(`${listPath(APPROVAL)}/${registrationId(people.pending.email)}`, { action: 'delete' });
    assert.equal(bogus.status, 400);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(s.world.sink.to(people.pending.email, 'registration.cancelled').length, 1, 'one cancellation e-mail only');
  });
});

describe('exports', () => {
  test('CSV: BOM, header, Polish letters, formulas neutralised, the filter applied', async () => {
    const response = await organiser.request(`${listPath(LIMITED)}.csv`);
    assert.equal(response.status, 200);
    assert.match(response.headers['content-type'], /^text\/csv/);
    assert.match(response.headers['content-disposition'], /^attachment; filename="[^"/\\]+\.csv"$/);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.ok(response.text.startsWith('\ufeff'), 'UTF-8 BOM');
    const lines = response.text.slice(1).split('\r\n');
    assert.equal(lines[0], 'id,name,email,state,confirmed_at,created_at,Organizacja');
    const lukasz = lines.find((line) => line.includes('lukasz@uczestnik.test'));
    assert.ok(lukasz.includes('Łukasz Gęś'));
    assert.ok(lukasz.endsWith(`"'=HYPERLINK(""http://zly.example"",""klik"")"`), `formula cell: ${lukasz}`);
    assert.equal(lines.filter((line) => line.includes('@uczestnik.test')).length, 2);
    const filtered = await organiser.request(`${listPath(LIMITED)}.csv?q=ewa`);
    assert.equal(filtered.text.split('\r\n').filter((line) => line.includes('@uczestnik.test')).length, 1);
  });

  test('XLSX: a zip with the spreadsheet content type', async () => {
    const response = await organiser.request(`${listPath(LIMITED)}.xlsx`);
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(response.headers['content-disposition'], /^attachment; filename="[^"]+\.xlsx"$/);
    assert.ok(response.text.startsWith('PK'), 'a zip file');
  });
});

describe('messages, attendance and the audit log', () => {
  test('a message to all registered reaches each of them once, with the subject', async () => {
    const form = await organiser.request(`/admin/seminaria/${ids[LIMITED]}/wiadomosc`);
    assert.equal(form.status, 200);
    const empty = await organiser.post(`/admin/seminaria/${ids[LIMITED]}/wiadomosc`, { audience: 'registered', subject: '', body: 'x' });
    assert.equal(empty.status, 422);
    const subject = 'Zmiana sali: spotykamy się w Łodzi';
    const sent = await organiser.post(`/admin/seminaria/${ids[LIMITED]}/wiadomosc`,
      { audience: 'registered', subject, body: 'Dzień dobry,\nzapraszamy do sali 12.' });
    assert.equal(sent.status, 303);
    assert.match(sent.headers.location, /done=sent&count=2$/);
    const recipients = [people.registered.email, people.waiting.email];
    await s.world.sink.waitFor((all) => recipients.every((r) => all.some((m) => m.rcpt.includes(r) && m.subject.includes('Zmiana sali'))),
      { what: 'the message to both' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const messages = s.world.sink.messages().filter((m) => m.subject.includes('Zmiana sali'));
    assert.equal(messages.length, 2, 'one e-mail per recipient');
    for (const message of messages) {
      assert.equal(message.rcpt.length, 1, 'nobody sees another recipient');
      assert.ok(message.subject.includes(subject), message.subject);
      assert.match(message.text, /sali 12/);
    }
    assert.ok(!messages.some((m) => m.rcpt.includes(people.pending.email)));
  });

  test('the attendance report draws an accessible SVG chart', async () => {
    const response = await organiser.request(`/admin/seminaria/${ids[LIMITED]}/obecnosc`);
    assert.equal(response.status, 200);
    assert.match(response.text, /<svg[^>]*role="img"/);
    assert.match(response.text, /<svg[^>]*aria-labelledby="[^"]+"|<svg[^>]*aria-label="[^"]+"|<svg[^>]*>\s*<title/);
  });

  test('every change is in the audit log, with who did it', async () => {
    assert.equal((await organiser.request('/admin/dziennik')).status, 403);
    const log = await admin.request('/admin/dziennik');
    assert.equal(log.status, 200);
    for (const action of ['Organizator zaakceptował zgłoszenie', 'Przeniesiono zgłoszenie z listy rezerwowej', 'Organizator anulował zgłoszenie',
      'Wysłano wiadomość do zarejestrowanych', 'Zmieniono przypisane seminaria']) {
      assert.ok(log.text.includes(action), `${action} in the audit log`);
    }
    assert.ok(log.text.includes('Konto organizator'), 'the organiser is named');
    assert.ok(log.text.includes('zofia@uczestnik.test'), 'the registration is named');
    const rows = sql(s.world.dataDir, "SELECT action FROM audit_log WHERE action LIKE 'registration.%' ORDER BY id").map(([a]) => a);
    assert.deepEqual(rows, ['registration.approve', 'registration.promote', 'registration.cancel', 'registration.message']);
  });
});

// Runs last: the audit test above lists every registration action so far.
describe('approving when no place is free', () => {
  test('the person goes to the waiting list, gets that e-mail, and the organiser is told so', async () => {
    const first = { name: 'Pierwsza Osoba', email: 'pierwsza@uczestnik.test', f_organisation: 'Gmina' };
    const second = { name: 'Druga Osoba', email: 'druga@uczestnik.test', f_organisation: 'Powiat' };
    for (const who of [first, second]) {
      assert.equal((await new Visitor(s.rynek.port).register(APPROVAL_LIMITED, who)).status, 303);
    }
    const placed = await act(APPROVAL_LIMITED, first.email, 'approve');
    assert.match(placed.headers.location, /done=approved&/);
    assert.equal(stateOf(first.email), 'registered');
    const full = await act(APPROVAL_LIMITED, second.email, 'approve');
    assert.match(full.headers.location, /done=approved_waiting&/);
    assert.equal(stateOf(second.email), 'waitlisted');
    const [mail] = await s.world.sink.waitForMail(second.email, 'registration.waitlisted');
    assert.match(mail.text, /nie\s+ma\s+wolnych\s+miejsc/);
    assert.equal(s.world.sink.to(second.email, 'registration.approved').length, 0, 'not told a place is reserved');
    const page = await organiser.request(full.headers.location);
    assert.match(page.text, /jest na liście rezerwowej/);
  });
});
