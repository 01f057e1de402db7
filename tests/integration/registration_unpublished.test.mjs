// A full seminar taken down from the back office keeps its registrations, but
// its waiting list stands still: a person who cancels through their personal
// link is cancelled and told so, and nobody is moved up (no "Miejsce jest
// zarezerwowane" e-mail, the waiting rows unchanged). Publishing it again moves the
// first waiting person into the freed place, with the e-mail. The admin works
// through the seminar's edit form, sent back as the page shows it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { personalLinks } from '../lib/mail.mjs';
import { adminScene, postMultipart, sql, sqlValue } from './admin_helpers.mjs';
import { Visitor, pathOf, person } from './seminars_helpers.mjs';

const SLUG = 'seminarium-wycofane';
let s;
let admin;
let seminarId;
const [a, b, c] = [1, 2, 3].map((n) => person(n, 'wycofane.test'));

before(async () => {
  s = await adminScene({ [SLUG]: { title: 'Seminarium wycofane', capacity: 1 } },
    { admin: ['admin@rynek.test', 'admin'] });
  admin = await s.login('admin');
  seminarId = s.seminarId(SLUG);
});
after(async () => { await s?.world.cleanup(); });

const decode = (text) => text.replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
  .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec))).replaceAll('&quot;', '"')
  .replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
const attribute = (tag, name) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decode(match[1]) : undefined;
};

// The edit form's successful controls as a browser would send them: inputs
// (checked boxes only, no files, no buttons), textareas and selected options.
function formParts(html) {
  const start = html.indexOf('class="form seminar-form"');
  assert.ok(start >= 0, 'the edit page shows the seminar form');
  const form = html.slice(start, html.indexOf('</form>', start));
  const parts = [];
  const controls = /<input\b[^>]*>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>/g;
  for (const match of form.matchAll(controls)) {
    const tag = match[0];
    if (tag.startsWith('<input')) {
      const name = attribute(tag, 'name');
      const type = (attribute(tag, 'type') || 'text').toLowerCase();
      if (!name || ['file', 'submit', 'button', 'image', 'reset'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(tag)) continue;
      parts.push([name, attribute(tag, 'value') ?? (type === 'checkbox' ? 'on' : '')]);
    } else if (tag.startsWith('<textarea')) {
      parts.push([attribute(` ${match[1]}`, 'name'), decode(match[2].replace(/^\r?\n/, ''))]);
    } else {
      const options = [...match[4].matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/g)];
      const chosen = options.find((o) => /\sselected\b/.test(o[1])) || options[0];
      if (chosen) parts.push([attribute(` ${match[3]}`, 'name'), attribute(chosen[1], 'value') ?? decode(chosen[2].trim())]);
    }
  }
  return parts.filter(([name]) => name && name !== 'csrf');
}

// Sends the seminar's edit form back unchanged, with the given action.
async function press(action) {
  const editUrl = `/admin/seminaria/${seminarId}/edycja`;
  const page = await admin.request(editUrl);
  assert.equal(page.status, 200);
  const response = await postMultipart(admin, editUrl, [...formParts(page.text), ['action', action]]);
  assert.equal(response.status, 303, `${action}: ${response.status}\n${response.text.slice(0, 2000)}`);
  return response;
}

const rows = () => sql(s.world.dataDir,
  `SELECT id, email, state, queued_at, state_changed_at FROM registrations WHERE seminar_id = ${seminarId} ORDER BY id`);
const stateOf = (email) => sqlValue(s.world.dataDir,
  `SELECT state FROM registrations WHERE seminar_id = ${seminarId} AND email = '${email}'`);
const outboxRows = () => sql(s.world.dataDir, 'SELECT id, kind, to_address FROM outbox ORDER BY id');
// Every outbox row delivered (or failed for good): what the sink has is all there is.
const drained = async () => {
  const deadline = Date.now() + 15_000;
  while (Number(sqlValue(s.world.dataDir, "SELECT count(*) FROM outbox WHERE state = 'queued'")) > 0) {
    assert.ok(Date.now() < deadline, 'the outbox drains');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('a full seminar taken down', () => {
  test('one place, two waiting', async () => {
    const visitor = new Visitor(s.rynek.port);
    for (const p of [a, b, c]) assert.equal((await visitor.register(SLUG, p)).status, 303);
    await s.world.sink.waitForMail(a.email, 'registration.confirmation');
    await s.world.sink.waitForMail(b.email, 'registration.waitlisted');
    await s.world.sink.waitForMail(c.email, 'registration.waitlisted');
    assert.deepEqual([a, b, c].map((p) => stateOf(p.email)), ['registered', 'waitlisted', 'waitlisted']);
  });

  test('unpublished by the admin, it is gone for the public', async () => {
    await press('unpublish');
    assert.equal(sqlValue(s.world.dataDir, `SELECT status FROM seminars WHERE id = ${seminarId}`), 'unpublished');
    assert.equal((await new Visitor(s.rynek.port).request(`/seminaria/${SLUG}`)).status, 404);
    assert.deepEqual([a, b, c].map((p) => stateOf(p.email)), ['registered', 'waitlisted', 'waitlisted'],
      'taking it down moved nobody');
  });

  test('a cancellation through the personal link is done and told, and nobody is moved up', async () => {
    await drained();
    const rowsBefore = rows();
    const outboxBefore = outboxRows();
    const mailBefore = s.world.sink.messages().length;

    const [confirmation] = s.world.sink.to(a.email, 'registration.confirmation');
    const link = pathOf(personalLinks(confirmation.text)[0]);
    const visitor = new Visitor(s.rynek.port);
    const form = await visitor.open(`${link}/anuluj`);
    assert.equal(form.status, 200, 'the personal link works while the seminar is hidden');
    assert.equal((await visitor.post(`${link}/anuluj`, {})).status, 303);

    await s.world.sink.waitForMail(a.email, 'registration.cancelled');
    await drained();
    assert.equal(stateOf(a.email), 'cancelled');
    const [, ...waiting] = rows();
    assert.deepEqual(waiting, rowsBefore.slice(1), 'the waiting rows are untouched');
    const added = outboxRows().slice(outboxBefore.length).map(([, kind, to]) => [kind, to]);
    assert.deepEqual(added, [['registration.cancelled', a.email]], 'only the cancellation is queued');
    const arrived = s.world.sink.messages().slice(mailBefore);
    assert.deepEqual(arrived.map((m) => m.kind), ['registration.cancelled']);
    assert.equal(s.world.sink.messages().filter((m) => m.kind === 'registration.promoted').length, 0);
  });

  test('published again, the first waiting person gets the place and "Miejsce jest zarezerwowane"', async () => {
    await press('publish');
    assert.equal(sqlValue(s.world.dataDir, `SELECT status FROM seminars WHERE id = ${seminarId}`), 'published');
    const [promoted] = await s.world.sink.waitForMail(b.email, 'registration.promoted');
    assert.match(promoted.subject, /^Miejsce jest zarezerwowane/);
    const [waitlisted] = s.world.sink.to(b.email, 'registration.waitlisted');
    assert.deepEqual(personalLinks(promoted.text), personalLinks(waitlisted.text), 'the same personal link');
    assert.deepEqual([a, b, c].map((p) => stateOf(p.email)), ['cancelled', 'registered', 'waitlisted']);
    await drained();
    assert.equal(s.world.sink.to(c.email).length, 1, 'the second waiting person got nothing more');
    assert.equal(s.world.sink.messages().filter((m) => m.kind === 'registration.promoted').length, 1);
    assert.deepEqual(s.world.serverErrors(), []);
  });
});
