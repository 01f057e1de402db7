// Time-driven rules, with rynek restarted on a shifted clock (--clock-offset;
// housekeeping runs at start-up and every 30 s):
// - the 24 h reminder arrives once, and not again after a restart; the 1 h
//   reminder arrives once in the last hour;
// - with confirm_within_hours = 1 and someone waiting, an unconfirmed place goes
//   to the waiting list two hours later (the "expired" e-mail) and the first
//   waiting person is promoted; a confirmed place stays.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { envelopeProblems, personalLinks } from '../lib/mail.mjs';
import { HOUR, Visitor, mailFrom, pathOf, person, registrations, scene } from './seminars_helpers.mjs';

const MINUTE = 60_000;
const startsMs = Math.floor((Date.now() + 25 * HOUR) / MINUTE) * MINUTE;
const startsIso = new Date(startsMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

const reminded = person(1, 'przypomnienie.test');
const keeper = person(2, 'wygasanie.test');   // confirms at once: keeps the place
const late = person(3, 'wygasanie.test');     // never confirms: loses the place
const waiting = person(4, 'wygasanie.test');  // waitlisted, then promoted

let world;
before(async () => {
  world = await scene({
    przypomnienia: { title: 'Seminarium jutro', starts: startsIso },
    wygasanie: { title: 'Seminarium z terminem potwierdzenia', capacity: 2, confirmWithinHours: 1 },
    kontrolne: { title: 'Seminarium kontrolne' },
  });
});
after(async () => { await world.cleanup(); });

const count = (address, kind) => world.sink.to(address, kind).length;

// Registers a fresh person for the control seminar and waits for their e-mail:
// whatever housekeeping queued at start-up has had its turn by then.
let sentinels = 0;
async function sentinel(rynek) {
  const p = person(100 + ++sentinels, 'kontrolny.test');
  assert.equal((await new Visitor(rynek.port).register('kontrolne', p)).status, 303);
  await world.sink.waitForMail(p.email, 'registration.confirmation');
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

async function confirmThrough(rynek, link) {
  const visitor = new Visitor(rynek.port);
  await visitor.open(pathOf(link));
  assert.equal((await visitor.post(`${pathOf(link)}/potwierdz`, {})).status, 303);
  return (await visitor.request(pathOf(link))).text;
}

// A rynek whose clock reads `at` (epoch ms) now.
const at = (when) => world.rynek({ clockOffset: when - Date.now() });

test('registrations made today', async () => {
  const rynek = await world.rynek();
  const visitor = new Visitor(rynek.port);
  assert.equal((await visitor.register('przypomnienia', reminded)).status, 303);
  for (const p of [keeper, late, waiting]) assert.equal((await visitor.register('wygasanie', p)).status, 303);
  await world.sink.waitForMail(reminded.email, 'registration.confirmation');
  const [keeperMail] = await world.sink.waitForMail(keeper.email, 'registration.confirmation');
  await world.sink.waitForMail(late.email, 'registration.confirmation');
  await world.sink.waitForMail(waiting.email, 'registration.waitlisted');
  await confirmThrough(rynek, personalLinks(keeperMail.text)[0]);
  await rynek.stop();
});

test('23 hours before the start: the 24 h reminder once; two hours on, the unconfirmed place expires', async () => {
  let rynek = await at(startsMs - 23 * HOUR + 5 * MINUTE);
  const [reminder] = await world.sink.waitForMail(reminded.email, 'reminder.24h');
  assert.equal(reminder.subject, 'Już jutro: Seminarium jutro');
  const [confirmation] = world.sink.to(reminded.email, 'registration.confirmation');
  // The same personal link (the port, part of --base-url here, changes with each start).
  assert.deepEqual(personalLinks(reminder.text).map(pathOf), personalLinks(confirmation.text).map(pathOf));

  const [expired] = await world.sink.waitForMail(late.email, 'registration.expired');
  const [promoted] = await world.sink.waitForMail(waiting.email, 'registration.promoted');
  const states = Object.fromEntries(registrations(world.dataDir, 'wygasanie').map((r) => [r.email, r.state]));
  assert.deepEqual(states, { [keeper.email]: 'registered', [late.email]: 'waitlisted', [waiting.email]: 'registered' });
  // The promoted person confirms; the one who lost the place sees the queue.
  assert.match(await confirmThrough(rynek, personalLinks(promoted.text)[0]), /Udział jest potwierdzony\./);
  assert.match(await confirmThrough(rynek, personalLinks(expired.text)[0]), /Miejsce w kolejce: 1\./);

  // A restart on the same clock sends nothing again.
  await rynek.stop();
  rynek = await at(startsMs - 23 * HOUR + 6 * MINUTE);
  await sentinel(rynek);
  assert.equal(count(reminded.email, 'reminder.24h'), 1, '24 h reminder once across restarts');
  assert.equal(count(late.email, 'registration.expired'), 1);
  assert.equal(count(waiting.email, 'registration.promoted'), 1);
  assert.equal(world.sink.to(keeper.email).length, 1, 'the confirmed place-holder got nothing more');
  await rynek.stop();
});

test('30 minutes before the start: the 1 h reminder once', async () => {
  let rynek = await at(startsMs - 30 * MINUTE);
  const [reminder] = await world.sink.waitForMail(reminded.email, 'reminder.1h');
  assert.equal(reminder.subject, 'Za godzinę start: Seminarium jutro');
  assert.equal(personalLinks(reminder.text).length, 1);
  await rynek.stop();
  rynek = await at(startsMs - 29 * MINUTE);
  await sentinel(rynek);
  assert.equal(count(reminded.email, 'reminder.1h'), 1, '1 h reminder once across restarts');
  assert.equal(count(reminded.email, 'reminder.24h'), 1);
  // The sentinels registered within the last 23 hours before their own seminars' starts
  // (days away): no reminder went to anyone else.
  const reminders = world.sink.messages().filter((m) => m.kind.startsWith('reminder.'));
  assert.deepEqual(reminders.map((m) => m.rcpt[0]), [reminded.email, reminded.email]);
  await rynek.stop();
});

test('every message is well-formed and nothing answered 5xx', () => {
  assert.deepEqual(envelopeProblems(world.sink.messages(), { from: mailFrom }), []);
  assert.deepEqual(world.serverErrors(), [], 'no 5xx answers');
});
