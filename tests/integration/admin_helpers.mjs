// Back-office fixtures for the admin integration tests: accounts made with
// `rynek user add` (password on standard input), a logged-in client that keeps
// the session's CSRF token, multipart bodies, read-only SQL on the data dir
// (the sqlite3 shell reads the WAL database beside the running server), and
// PNG images generated in memory (a real one and a "bomb" that declares a
// huge canvas in a tiny file).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import zlib from 'node:zlib';
import { rynekBin } from '../lib/rynek.mjs';
import { Visitor, csrfOf, scene } from './seminars_helpers.mjs';

export const PASSWORD = 'poprawne-haslo-123';

export function userAdd(dataDir, email, role, name = `Konto ${role}`) {
  const result = spawnSync(rynekBin, ['user', 'add', email, '--role', role, '--name', name, '--data-dir', dataDir],
    { input: `${PASSWORD}\n`, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 0, `user add ${email}: ${result.stderr}`);
}

// Rows of a query as arrays of strings (tab-separated output of the sqlite3 shell).
export function sql(dataDir, query) {
  const result = spawnSync('sqlite3', ['-readonly', '-separator', '\t', path.join(dataDir, 'rynek.sqlite3'), query],
    { encoding: 'utf8', timeout: 30_000 });
  assert.equal(result.status, 0, `sqlite3: ${result.stderr}`);
  return result.stdout.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
}

export const sqlValue = (dataDir, query) => sql(dataDir, query)[0]?.[0];

// A logged-in visitor; `visitor.csrf` is the session's token (read from /admin).
export async function login(port, email) {
  const visitor = new Visitor(port);
  const form = await visitor.open('/admin/logowanie');
  assert.equal(form.status, 200);
  const response = await visitor.post('/admin/logowanie', { email, password: PASSWORD });
  assert.equal(response.status, 303, `login ${email}: ${response.status}`);
  const home = await visitor.request('/admin');
  assert.equal(home.status, 200);
  visitor.csrf = csrfOf(home.text);
  assert.ok(visitor.csrf, 'the dashboard carries the CSRF token');
  return visitor;
}

// A multipart/form-data body. parts: [[name, string]] or [[name, { filename, type, data }]].
export function multipart(parts) {
  const boundary = `----rynek-admin-${Math.random().toString(16).slice(2)}`;
  const chunks = [];
  for (const [name, value] of parts) {
    if (typeof value === 'string') {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`), Buffer.from(value), Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\n` +
        `Content-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`), Buffer.from(value.data), Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: Buffer.concat(chunks) };
}

// POSTs a multipart form with the visitor's CSRF token (unless csrf: false).
export function postMultipart(visitor, urlPath, parts, { csrf = true } = {}) {
  const { headers, body } = multipart(csrf ? [['csrf', visitor.csrf], ...parts] : parts);
  return visitor.request(urlPath, { method: 'POST', headers, body });
}

// The hidden revision an edit form carries (optimistic locking); '' when none.
export const revisionOf = (html) => /name="revision" value="([^"]*)"/.exec(html)?.[1] ?? '';

// POSTs a multipart edit form as a browser would: opens the form page first
// (`formPath`, by default the same URL) and sends the revision it carries,
// unless `parts` names a revision already.
export async function postEdit(visitor, urlPath, parts, { formPath = urlPath, ...options } = {}) {
  if (!parts.some(([name]) => name === 'revision')) {
    const page = await visitor.request(formPath);
    parts = [['revision', revisionOf(page.text)], ...parts];
  }
  return postMultipart(visitor, urlPath, parts, options);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function ihdr(width, height) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;   // bit depth
  header[9] = 2;   // truecolour RGB
  return chunk('IHDR', header);
}
const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// A valid RGB PNG of the given size, a colour gradient (so every file differs by `seed`).
export function png(width, height, seed = 0) {
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      row[1 + x * 3] = (x * 7 + seed) & 0xff;
      row[2 + x * 3] = (y * 5 + seed * 3) & 0xff;
      row[3 + x * 3] = (x + y + seed * 11) & 0xff;
    }
    rows.push(row);
  }
  return Buffer.concat([signature, ihdr(width, height), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

// A PNG of a few hundred bytes declaring width x height pixels (a decompression bomb).
export function bombPng(width = 100_000, height = 100_000) {
  return Buffer.concat([signature, ihdr(width, height), chunk('IDAT', zlib.deflateSync(Buffer.alloc(1024))), chunk('IEND', Buffer.alloc(0))]);
}

// The smallest PDF libmagic recognises as application/pdf.
export const pdf = (text = 'rynek') => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

// A scene (seminars imported, SMTP sink) with the accounts created and rynek started.
// accounts: { key: [email, role] }. Returns { world, rynek, seminarId(slug), accountId(key), accounts }.
export async function adminScene(seminars, accounts) {
  const world = await scene(seminars);
  for (const [email, role] of Object.values(accounts)) userAdd(world.dataDir, email, role, `Konto ${email.split('@')[0]}`);
  const rynek = await world.rynek();
  return {
    world,
    rynek,
    accounts,
    seminarId: (slug) => Number(sqlValue(world.dataDir, `SELECT id FROM seminars WHERE slug = '${slug}'`)),
    accountId: (key) => Number(sqlValue(world.dataDir, `SELECT id FROM accounts WHERE email = '${accounts[key][0]}'`)),
    login: (key) => login(rynek.port, accounts[key][0]),
  };
}

// Assigns seminars to an organiser through the users page, as an admin would.
export async function assignSeminars(admin, accountId, seminarIds) {
  const response = await admin.post(`/admin/uzytkownicy/${accountId}/seminaria`, { seminar: seminarIds.map(String) });
  assert.equal(response.status, 303, `assign seminars: ${response.status}`);
}
