// Waiting list and approval, read from the received messages: a full seminar
// waitlists the third person (whose link shows the place in the queue); a
// cancellation through the link's form frees the place and promotes them. A
// seminar that requires approval keeps registrations pending until an organiser
// approves (the same personal link arrives again) or rejects them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { envelopeProblems, personalLinks } from '../lib/mail.mjs';
import { Visitor, mailFrom, pathOf, person, registrations, registrationsCommand, scene } from './seminars_helpers.mjs';

let world;
let rynek;
before(async () => {
  world = await scene({
    'pelne-seminarium': { title: 'Pełne seminarium', capacity: 2 },
    'seminarium-z-akceptacja': { title: 'Seminarium z akceptacją zgłoszeń', requiresApproval: true },
  });
  rynek = await world.rynek();
});
after(async () => { await world.cleanup(); });

async function confirm(link) {
  const visitor = new Visitor(rynek.port);
  const page = await visitor.open(pathOf(link));
  assert.equal(page.status, 200);
  if (page.text.includes('/potwierdz"')) {
    assert.equal((await visitor.post(`${pathOf(link)}/potwierdz`, {})).status, 303);
  }
  return (await visitor.request(pathOf(link))).text;
}

describe('waiting list', () => {
  const slug = 'pelne-seminarium';
  const [a, b, c] = [1, 2, 3].map((n) => person(n, 'kolejka.test'));

  test('the third registrant of a seminar for two is waitlisted and sees their place', async () => {
    const visitor = new Visitor(rynek.port);
    for (const p of [a, b, c]) {
      const posted = await visitor.register(slug, p);
      assert.equal(posted.status, 303);
    }
    await world.sink.waitForMail(a.email, 'registration.confirmation');
    await world.sink.waitForMail(b.email, 'registration.confirmation');
    const [waitlisted] = await world.sink.waitForMail(c.email, 'registration.waitlisted');
    assert.equal(world.sink.to(c.email).length, 1, 'the waitlisted person gets only the waitlist e-mail');
    assert.match(waitlisted.subject, /^Zgłoszenie na liście rezerwowej: Pełne seminarium$/);
    const [link] = personalLinks(waitlisted.text);
    assert.ok(link, 'the waitlist e-mail carries the personal link');
    const page = await confirm(link);
    assert.match(page, /Zgłoszenie jest na liście rezerwowej\./);
    assert.match(page, /Miejsce w kolejce: 1\./);
    assert.deepEqual(registrations(world.dataDir, slug).map((r) => r.state), ['registered', 'registered', 'waitlisted']);
  });

  test('cancelling through the link frees the place for the first waiting', async () => {
    const [confirmation] = world.sink.to(a.email, 'registration.confirmation');
    const cancelLink = personalLinks(confirmation.text)[0];
    const visitor = new Visitor(rynek.port);
    const form = await visitor.open(`${pathOf(cancelLink)}/anuluj`);
    assert.equal(form.status, 200);
    assert.match(form.text, new RegExp(`action="${pathOf(cancelLink)}/anuluj"`));
    const cancelled = await visitor.post(`${pathOf(cancelLink)}/anuluj`, {});
    assert.equal(cancelled.status, 303);

    await world.sink.waitForMail(a.email, 'registration.cancelled');
    const [promoted] = await world.sink.waitForMail(c.email, 'registration.promoted');
    const waitlisted = world.sink.to(c.email, 'registration.waitlisted')[0];
    assert.deepEqual(personalLinks(promoted.text), personalLinks(waitlisted.text), 'the same personal link');
    assert.ok(promoted.attachments.some((x) => x.contentType === 'text/calendar'), 'the promotion carries the .ics');
    const page = await confirm(personalLinks(promoted.text)[0]);
    assert.match(page, /Udział jest potwierdzony\./);
    assert.match(page, /id="broadcast-title"/);
    const states = Object.fromEntries(registrations(world.dataDir, slug).map((r) => [r.email, r.state]));
    assert.deepEqual(states, { [a.email]: 'cancelled', [b.email]: 'registered', [c.email]: 'registered' });
    // Cancelling twice is harmless and sends nothing more.
    assert.equal((await visitor.post(`${pathOf(cancelLink)}/anuluj`, {})).status, 303);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(world.sink.to(a.email, 'registration.cancelled').length, 1);
    assert.equal(world.sink.to(c.email, 'registration.promoted').length, 1);
    assert.equal(world.sink.to(b.email).length, 1, 'the one who kept their place got nothing more');
  });
});

describe('approval', () => {
  const slug = 'seminarium-z-akceptacja';
  const [d, e] = [4, 5].map((n) => person(n, 'akceptacja.test'));

  test('registrations wait for the organiser, who approves one and rejects the other', async () => {
    const visitor = new Visitor(rynek.port);
    for (const p of [d, e]) assert.equal((await visitor.register(slug, p)).status, 303);
    const [pendingD] = await world.sink.waitForMail(d.email, 'registration.pending');
    await world.sink.waitForMail(e.email, 'registration.pending');
    const linkD = personalLinks(pendingD.text)[0];
    assert.ok(linkD, 'the pending e-mail carries the personal link');
    const page = await confirm(linkD);
    assert.match(page, /Zgłoszenie czeka na akceptację organizatora\./);
    assert.doesNotMatch(page, /id="broadcast-title"/, 'no broadcast before approval');

    const rows = registrations(world.dataDir, slug);
    assert.deepEqual(rows.map((r) => r.state), ['pending_approval', 'pending_approval']);
    const id = (email) => rows.find((r) => r.email === email).id;
    const approved = registrationsCommand(world.dataDir, 'approve', id(d.email));
    assert.equal(approved.status, 0, approved.stdout + approved.stderr);
    const rejected = registrationsCommand(world.dataDir, 'reject', id(e.email));
    assert.equal(rejected.status, 0, rejected.stdout + rejected.stderr);

    // The CLI wrote the rows from another process: the server's worker picks them up by polling.
    const [approvedMail] = await world.sink.waitForMail(d.email, 'registration.approved');
    const [rejectedMail] = await world.sink.waitForMail(e.email, 'registration.rejected');
    assert.deepEqual(personalLinks(approvedMail.text), [linkD], 'the approval carries the same personal link');
    assert.ok(approvedMail.attachments.some((x) => x.contentType === 'text/calendar'));
    assert.deepEqual(personalLinks(rejectedMail.text), [], 'a rejection carries no link');
    assert.deepEqual(registrations(world.dataDir, slug).map((r) => r.state), ['registered', 'rejected']);
    assert.match(await confirm(linkD), /id="broadcast-title"/);
    // Deciding again changes nothing and sends nothing.
    assert.equal(registrationsCommand(world.dataDir, 'approve', id(d.email)).status, 0);
    assert.notEqual(registrationsCommand(world.dataDir, 'approve', id(e.email)).status, 0, 'a rejected registration cannot be approved');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.equal(world.sink.to(d.email).length, 2);
    assert.equal(world.sink.to(e.email).length, 2);
  });
});

test('every message is well-formed and nothing answered 5xx', () => {
  assert.deepEqual(envelopeProblems(world.sink.messages(), { from: mailFrom }), []);
  assert.deepEqual(world.serverErrors(), [], 'no 5xx answers');
});
