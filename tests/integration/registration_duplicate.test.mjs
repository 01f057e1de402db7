// Registering again with the same address: no second row, the same answer as for
// an unknown address (no enumeration), and the fitting e-mail re-sent, at most
// once per 10 minutes. The domain counts those 10 minutes from the last e-mail
// it sent for the registration, the first confirmation included, so the re-send
// is tested by restarting with the clock 11 minutes ahead.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { envelopeProblems, personalLinks } from '../lib/mail.mjs';
import { Visitor, mailFrom, person, registrations, scene } from './seminars_helpers.mjs';

const slug = 'seminarium-powtorka';
const known = person(1, 'powtorka.test');
let world;
before(async () => {
  world = await scene({ [slug]: { title: 'Seminarium: rejestracja powtórna' } });
});
after(async () => { await world.cleanup(); });

const settle = (ms = 1000) => new Promise((resolve) => setTimeout(resolve, ms));

// Waits for a fresh registration's confirmation: everything queued before it
// has had its turn with the mail worker.
async function sentinel(rynek, n) {
  const p = person(100 + n, 'kontrolny.test');
  assert.equal((await new Visitor(rynek.port).register(slug, p)).status, 303);
  await world.sink.waitForMail(p.email, 'registration.confirmation');
  await settle(300);
}

test('a known address gets exactly the answer an unknown one gets', async () => {
  const rynek = await world.rynek();
  const first = await new Visitor(rynek.port).register(slug, known);
  assert.equal(first.status, 303);
  await world.sink.waitForMail(known.email, 'registration.confirmation');

  // One visitor posts the known address and a new one, the same way.
  const visitor = new Visitor(rynek.port);
  const again = await visitor.register(slug, { ...known, email: known.email.toUpperCase() });
  const fresh = await visitor.register(slug, person(2, 'powtorka.test'));
  assert.equal(again.status, 303);
  assert.equal(fresh.status, 303);
  assert.equal(again.headers.location, fresh.headers.location);
  assert.equal(again.text, fresh.text);
  const pageAgain = await visitor.request(again.headers.location);
  const pageFresh = await visitor.request(fresh.headers.location);
  assert.equal(pageAgain.status, 200);
  assert.equal(pageAgain.text, pageFresh.text, 'the "check your e-mail" pages are identical');

  await world.sink.waitForMail(person(2, 'powtorka.test').email, 'registration.confirmation');
  await sentinel(rynek, 1);
  assert.equal(world.sink.to(known.email).length, 1, 'within 10 minutes of the first e-mail nothing is re-sent');
  await rynek.stop();
});

test('later, a repeat re-sends the confirmation once; one more within 10 minutes sends nothing', async () => {
  const rynek = await world.rynek({ clockOffset: 11 * 60_000 });
  const visitor = new Visitor(rynek.port);
  const resend = await visitor.register(slug, known);
  assert.equal(resend.status, 303);
  const confirmations = await world.sink.waitForMail(known.email, 'registration.confirmation', 2);
  assert.deepEqual(personalLinks(confirmations[1].text).map((l) => new URL(l).pathname),
    personalLinks(confirmations[0].text).map((l) => new URL(l).pathname), 'the same personal link');
  assert.notEqual(confirmations[0].messageId, confirmations[1].messageId);

  const third = await visitor.register(slug, known);
  assert.equal(third.status, 303);
  assert.equal(third.headers.location, resend.headers.location);
  await sentinel(rynek, 2);
  assert.equal(world.sink.to(known.email).length, 2, 'the third attempt sent nothing');

  const rows = registrations(world.dataDir, slug).filter((r) => r.email === known.email);
  assert.equal(rows.length, 1, 'one registration row for the address');
  assert.equal(rows[0].state, 'registered');
});

test('every message is well-formed and nothing answered 5xx', () => {
  assert.deepEqual(envelopeProblems(world.sink.messages(), { from: mailFrom }), []);
  assert.deepEqual(world.serverErrors(), [], 'no 5xx answers');
});
